import {statSync} from 'node:fs';
import path from 'node:path';

import type {Streams} from '../output/streams.js';
import {assertLedger, exists, loadLedgers} from './ledger-report.js';
import {openLedger, type LedgerWriter} from './ledger-writer.js';
import type {BatchOptions} from './options.js';
import {ledgerWarnings} from './report-output.js';
import {ReportBuilder} from './report-builder.js';

/** A batch run's ledger: where its records go, what earlier runs recorded, the batch file as records name it. */
export interface BatchLedger {
  writer: LedgerWriter;
  previous: ReportBuilder;
  /** The batch file relative to the ledger's directory (`-` for stdin), so a moved checkout still resumes. */
  fileKey: string;
}

/**
 * Open the ledger of a run, saying where it is on stderr. `--resume` and `--retry-failed` load its earlier
 * records; a file given as `--results` that is not a ledger (the batch file, by mistake) is refused.
 */
export async function openBatchLedger(
  options: Pick<BatchOptions, 'file' | 'ledger' | 'selection'>,
  io: Streams,
): Promise<BatchLedger> {
  const {file, ledger, selection} = options;
  const relative = file === '-' ? '-' : path.relative(path.dirname(path.resolve(ledger)), path.resolve(file));
  const warn = ledgerWarnings(io);
  const ledgerExists = await exists(ledger);
  const ledgerIsFile = ledgerExists && statSync(ledger).isFile();
  const previous =
    selection !== 'all' && ledgerExists ? await loadLedgers([ledger], warn) : new ReportBuilder();
  // A batch file given as --results by mistake must not get records appended to it.
  if (selection === 'all' && ledgerIsFile) await assertLedger(ledger);
  const writer = openLedger(ledger);
  io.stderr.write(`results: ${ledger}\n`);
  if (writer.repairedTornLine) warn({file: ledger, line: 0, message: 'torn last line closed; ignored'});
  return {writer, previous, fileKey: relative.split(path.sep).join('/')};
}
