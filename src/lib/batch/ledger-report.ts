import {access} from 'node:fs/promises';

import {UsageError} from '../errors.js';
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

/** The summary of one or many ledgers (the shards of a CI matrix), without running anything. */
export async function reportFromLedgers(
  files: readonly string[],
  onProblem: (problem: LedgerProblem) => void,
): Promise<BatchSummary> {
  for (const file of files) {
    if (!(await exists(file))) throw new UsageError(`Ledger not found: ${file}.`);
  }
  const builder = await loadLedgers(files, onProblem);
  return summarize(builder.suites());
}
