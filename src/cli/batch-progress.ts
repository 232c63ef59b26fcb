import type {AttemptRecord, BatchItem, ItemReport} from '../lib/batch/types.js';
import {itemLine} from '../lib/batch/render-text.js';

/** Progress of a batch on stderr; never on stdout. */
export interface BatchProgress {
  start(item: BatchItem, attempt: number): void;
  record(record: AttemptRecord, report: ItemReport): void;
  /** Called once when the batch ends; resolves when the last frame is drawn. */
  stop(): void | Promise<void>;
}

/** One plain line per finished item (and per retry), for CI logs and pipes. */
export function plainProgress(stream: NodeJS.WritableStream, total: number): BatchProgress {
  let done = 0;
  return {
    start() {},
    record(record, report) {
      if (record.willRetry) {
        stream.write(`  ${record.id}: attempt ${record.attempt} ended ${record.outcome}; retrying\n`);
        return;
      }
      done++;
      stream.write(`[${done}/${total}] ${itemLine(report)}\n`);
    },
    stop() {},
  };
}

/** listr2 rows on a TTY (`rowsProgress`); one plain line per finished item elsewhere (CI, pipes). */
export async function batchProgress(
  stream: NodeJS.WriteStream,
  ids: readonly string[],
): Promise<BatchProgress> {
  if (!stream.isTTY) return plainProgress(stream, ids.length);
  // listr2 and its renderer load only where they draw, keeping CI start-up lean.
  const {rowsProgress} = await import('./batch-progress-rows.js');
  return rowsProgress(stream, ids);
}
