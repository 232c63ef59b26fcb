import type {AttemptRecord, BatchItem, ItemReport} from './types.js';

/** What a front end shows of a running batch (never on stdout): each attempt's start, each record, the end. */
export interface BatchProgress {
  start(item: BatchItem, attempt: number): void;
  record(record: AttemptRecord, report: ItemReport): void;
  /** Called once when the batch ends; resolves when the last frame is drawn. */
  stop(): void | Promise<void>;
}

/** Builds the progress of the items about to run (their ids, in file order). */
export type BatchProgressFactory = (ids: readonly string[]) => BatchProgress | Promise<BatchProgress>;

/** Progress that shows nothing, for front ends that show none. */
export const SILENT_PROGRESS: BatchProgress = {start() {}, record() {}, stop() {}};
