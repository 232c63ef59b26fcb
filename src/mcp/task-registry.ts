import {formatDuration} from '../lib/duration.js';
import type {Task} from './task.js';

/** How long and how many finished tasks stay readable. */
export interface Retention {
  retentionMs: number;
  maxTasks: number;
}

/**
 * The async tasks of one server. Running tasks are bounded by `--max-concurrent`; finished ones are kept for
 * `--task-retention` and at most `--max-tasks` of them (the oldest finished go first), so memory stays bounded
 * however long the server runs.
 */
export class TaskRegistry {
  readonly #tasks = new Map<string, Task>();
  readonly #retention: Retention;
  readonly #now: () => number;

  constructor(retention: Retention, now: () => number = Date.now) {
    this.#retention = retention;
    this.#now = now;
  }

  add(task: Task): void {
    this.#prune();
    this.#tasks.set(task.id, task);
  }

  /** The task, or null when it never existed or is no longer kept. */
  get(id: string): Task | null {
    this.#prune();
    return this.#tasks.get(id) ?? null;
  }

  /** Every task kept, newest first. */
  list(): Task[] {
    this.#prune();
    return [...this.#tasks.values()].reverse();
  }

  /** Running tasks, to cancel on shutdown. */
  running(): Task[] {
    return [...this.#tasks.values()].filter((task) => task.state === 'running');
  }

  /** The message for a task id the registry does not have. */
  unknown(id: string): string {
    const {retentionMs, maxTasks} = this.#retention;
    return `No task ${id}: it never existed, or it finished more than ${formatDuration(retentionMs)} ago (--task-retention) or beyond the ${maxTasks} finished tasks kept (--max-tasks).`;
  }

  #prune(): void {
    const now = this.#now();
    const finished = [...this.#tasks.values()].filter((task) => task.finishedAt !== null);
    finished.sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0));
    const excess = finished.length - this.#retention.maxTasks;
    finished.forEach((task, index) => {
      if (index < excess || (task.finishedAt ?? now) + this.#retention.retentionMs <= now) {
        this.#tasks.delete(task.id);
      }
    });
  }
}
