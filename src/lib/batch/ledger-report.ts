import {access} from 'node:fs/promises';

import {readLedger, type LedgerProblem} from './ledger-reader.js';
import {ReportBuilder, summarize} from './report-builder.js';
import type {BatchSummary} from './types.js';

/** Fold ledgers into one builder; a missing ledger is a usage error, a bad line a warning via `onProblem`. */
export async function loadLedgers(
  files: readonly string[],
  onProblem: (problem: LedgerProblem) => void,
  into: ReportBuilder = new ReportBuilder(),
): Promise<ReportBuilder> {
  for (const file of files) {
    for await (const record of readLedger(file, onProblem)) into.add(record);
  }
  return into;
}

/** Whether a file exists (a ledger to resume from may not exist yet). */
export async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/**
 * Refuse a file that is not a ledger before appending to it (`--results prompts.jsonl` by mistake would
 * otherwise mix records into the batch file). Reads only up to the first record.
 */
export async function assertLedger(file: string): Promise<void> {
  for await (const _record of readLedger(file, () => {})) return;
}

/** The summary of one or many ledgers (the shards of a CI matrix), without running anything. */
export async function reportFromLedgers(
  files: readonly string[],
  onProblem: (problem: LedgerProblem) => void,
): Promise<BatchSummary> {
  // Every file is checked before any warning about a line of one is printed.
  for (const file of files) await assertLedger(file);
  const builder = await loadLedgers(files, onProblem);
  return summarize(builder.suites());
}
