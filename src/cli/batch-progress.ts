import type {BatchProgress} from '../lib/batch/batch-progress.js';
import {itemLine} from '../lib/batch/render-text.js';
import type {OutStream} from '../lib/output/streams.js';

/** One plain line per finished item (and per retry), for CI logs and pipes. */
export function plainProgress(stream: OutStream, total: number): BatchProgress {
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
  stream: OutStream,
  ids: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<BatchProgress> {
  if (stream.isTTY !== true) return plainProgress(stream, ids.length);
  // listr2 and its renderer load only where they draw, keeping CI start-up lean.
  const {rowsProgress} = await import('./batch-progress-rows.js');
  // Only a terminal gets here, and a terminal's stream is a tty.WriteStream.
  return rowsProgress(stream as NodeJS.WriteStream, ids, env);
}
