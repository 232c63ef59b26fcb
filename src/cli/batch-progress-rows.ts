import {DefaultRenderer, Listr, ListrLogger, ProcessOutput, type ListrTaskWrapper} from 'listr2';

import {formatElapsed} from '../lib/duration.js';
import {ITEM_MARKS, itemLine} from '../lib/batch/render-text.js';
import type {BatchItem, ItemReport} from '../lib/batch/types.js';
import {paint} from '../lib/output/terminal.js';
import type {BatchProgress} from '../lib/batch/batch-progress.js';

/** The mark of each finished row, by listr2 task: drawn in place of listr2's own ✔/✖ so TTY and plain agree. */
const finishedMarks = new WeakMap<object, string>();

/** How often running rows' elapsed times are refreshed; a second's change shows within this much. */
const TICK_MS = 200;

/**
 * listr2 only draws its default renderer when stdout is a TTY; the rows go to stderr, so `--json > file` on a
 * terminal must still get them. `nonTTY` tells listr2 this renderer needs no TTY stdout.
 */
class StderrRenderer extends DefaultRenderer {
  static override nonTTY = true;
  private pending: NodeJS.Timeout | undefined;

  /**
   * listr2 redraws every row on each title or state change; with many items that is thousands of full frames
   * (wrap-ansi over every row) and made a 200-item batch 15 times slower on a TTY. Changes are drawn at most
   * every 100 ms, the spinner's own pace.
   */
  override update(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      super.update();
    }, 100);
  }

  override end(): void {
    clearTimeout(this.pending);
    super.end();
  }

  protected override style(task: Parameters<DefaultRenderer['style']>[0], output?: boolean): string {
    const mark = finishedMarks.get(task);
    if (!output && mark !== undefined && (task.isCompleted() || task.hasFailed())) return mark;
    return super.style(task, output);
  }
}

type Wrapper = ListrTaskWrapper<unknown, typeof StderrRenderer, typeof StderrRenderer>;

interface Row {
  started: number;
  /** The finished item's coloured mark, given to the renderer once listr2 runs the item's task. */
  mark: string | null;
  attempt: number;
  /** Set once listr2 runs the item's task; events before that are kept here and applied then. */
  wrapper: Wrapper | null;
  title: string | null;
  /** The error of an item that did not pass; undefined when it passed or never ran. */
  outcome: {error: Error | undefined} | null;
  settle: ((error: Error | undefined) => void) | null;
}

const runningTitle = (id: string, row: Row, now: number): string => {
  const attempt = row.attempt > 1 ? `  attempt ${row.attempt}` : '';
  return `${id}  ${formatElapsed(now - row.started)}${attempt}`;
};

function setTitle(row: Row, title: string): void {
  if (row.title === title) return;
  row.title = title;
  if (row.wrapper) row.wrapper.title = title;
}

function finish(row: Row, error: Error | undefined): void {
  row.outcome = {error};
  row.settle?.(error);
}

/**
 * listr2 rows on a TTY stderr: one task per item, without a title (so not drawn) until the item starts; then
 * `id  elapsed`, and when it ends the item's line (outcome, credits, time) with the mark plain lines use. The engine
 * schedules; listr2 only draws (every task is concurrent and waits on the engine's events).
 */
export function rowsProgress(
  stream: NodeJS.WriteStream,
  ids: readonly string[],
  env: NodeJS.ProcessEnv,
): BatchProgress {
  const chalk = paint(stream, env);
  const colours = {passed: chalk.green, failed: chalk.red, error: chalk.red, skipped: chalk.yellow};
  const markOf = (report: ItemReport): string => colours[report.status](ITEM_MARKS[report.status]);
  const rows = new Map<string, Row>(
    ids.map((id) => [
      id,
      {started: 0, mark: null, attempt: 0, wrapper: null, title: null, outcome: null, settle: null},
    ]),
  );
  const tasks = [...rows.values()].map((row) => ({
    task: (_: unknown, wrapper: Wrapper) =>
      new Promise<void>((resolve, reject) => {
        row.wrapper = wrapper;
        if (row.mark !== null) finishedMarks.set(wrapper.task, row.mark);
        if (row.title !== null) wrapper.title = row.title;
        row.settle = (error) => (error ? reject(error) : resolve());
        if (row.outcome) row.settle(row.outcome.error);
      }),
  }));
  const listr = new Listr<unknown, typeof StderrRenderer, typeof StderrRenderer>(tasks, {
    concurrent: true,
    exitOnError: false,
    // kiro-x's own handlers cancel the batch and report it; listr2's would exit the process.
    registerSignalListeners: false,
    renderer: StderrRenderer,
    rendererOptions: {
      logger: new ListrLogger({useIcons: true, processOutput: new ProcessOutput(stream, stream)}),
      collapseErrors: true,
      showErrorMessage: true,
    },
  });
  const running = listr.run().catch(() => undefined);
  const live = new Set<string>();
  const timer = setInterval(() => {
    const now = Date.now();
    for (const id of live) {
      const row = rows.get(id);
      if (row) setTitle(row, runningTitle(id, row, now));
    }
  }, TICK_MS);
  timer.unref();
  // Finished rows above the terminal's height would be cut off anyway; dropping them keeps each frame small.
  const trim = setInterval(() => {
    let keep = Math.max(0, (stream.rows || 24) - live.size - 1);
    for (let i = listr.tasks.length - 1; i >= 0; i--) {
      const task = listr.tasks[i];
      if (!task?.hasTitle() || !(task.isCompleted() || task.hasFailed() || task.isSkipped())) continue;
      if (keep > 0) keep--;
      else listr.tasks.splice(i, 1);
    }
  }, 200);
  trim.unref();

  return {
    start(item: BatchItem, attempt: number) {
      const row = rows.get(item.id);
      if (!row) return;
      row.started = Date.now();
      row.attempt = attempt;
      live.add(item.id);
      setTitle(row, runningTitle(item.id, row, row.started));
    },
    record(record, report) {
      const row = rows.get(record.id);
      if (!row || record.willRetry) return;
      live.delete(record.id);
      row.mark = markOf(report);
      if (row.wrapper) finishedMarks.set(row.wrapper.task, row.mark);
      const line = itemLine(report).replace(/^\S+ /, '');
      setTitle(row, line);
      finish(row, report.status === 'passed' ? undefined : new Error(line));
    },
    async stop() {
      clearInterval(timer);
      clearInterval(trim);
      for (const row of rows.values()) {
        // Items that never started finish without a title, so they get no row.
        if (!row.outcome) finish(row, undefined);
      }
      await running;
    },
  };
}
