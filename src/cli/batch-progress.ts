import {formatDuration} from '../lib/duration.js';
import type {AttemptRecord, BatchItem, ItemReport} from '../lib/batch/types.js';
import {itemLine} from '../lib/batch/render-text.js';

/** Progress of a batch on stderr; never on stdout. */
export interface BatchProgress {
  start(item: BatchItem, attempt: number): void;
  record(record: AttemptRecord, report: ItemReport): void;
  stop(): void;
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

/** Rows of running items redrawn in place on a TTY, finished items printed above them. */
export function ttyProgress(stream: NodeJS.WriteStream, total: number): BatchProgress {
  const running = new Map<string, {started: number; attempt: number}>();
  let done = 0;
  let drawn = 0;
  const clear = (): void => {
    if (drawn > 0) stream.write(`\u001B[${drawn}A\u001B[0J`);
    drawn = 0;
  };
  const draw = (): void => {
    clear();
    const rows = [...running].slice(0, Math.max(1, (stream.rows || 24) - 2)).map(([id, run]) => {
      const attempt = run.attempt > 1 ? ` (attempt ${run.attempt})` : '';
      return `  ⠿ ${id}  ${formatDuration(Math.floor((Date.now() - run.started) / 1000) * 1000)}${attempt}`;
    });
    rows.push(`  ${done}/${total} done, ${running.size} running`);
    stream.write(`${rows.join('\n')}\n`);
    drawn = rows.length;
  };
  const timer = setInterval(draw, 250);
  timer.unref();
  return {
    start(item, attempt) {
      running.set(item.id, {started: Date.now(), attempt});
    },
    record(record, report) {
      running.delete(record.id);
      clear();
      if (record.willRetry)
        stream.write(`  ${record.id}: attempt ${record.attempt} ended ${record.outcome}; retrying\n`);
      else stream.write(`${itemLine(report)}\n`);
      if (!record.willRetry) done++;
      draw();
    },
    stop() {
      clearInterval(timer);
      clear();
    },
  };
}

/** Animated rows on a TTY; plain lines elsewhere (CI). */
export function batchProgress(stream: NodeJS.WriteStream, total: number): BatchProgress {
  return stream.isTTY ? ttyProgress(stream, total) : plainProgress(stream, total);
}
