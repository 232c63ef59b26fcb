import type {OutputFormat} from '../config/kinds.js';
import {resolveSettings, type ResolveInput} from '../config/resolve.js';
import {prepareOutputFile} from '../fs/output-file.js';
import type {Streams} from '../output/streams.js';
import {reportFromLedgers} from './ledger-report.js';
import {ledgerWarnings, writeBatchReport} from './report-output.js';

/** What `batch report` reads and where its summary goes. */
export interface BatchReportOptions {
  /** Ledger files; the latest record of each item over all of them counts. */
  ledgers: string[];
  output: OutputFormat;
  junitFile: string | undefined;
}

/** `batch report` options: the ledgers as given, the output settings from flags > env > .kirorc. */
export async function resolveBatchReportOptions(
  input: ResolveInput & {ledgers: readonly string[]},
): Promise<BatchReportOptions> {
  const {settings} = await resolveSettings(input);
  return {ledgers: [...input.ledgers], output: settings.output, junitFile: settings.junitFile};
}

/** Rebuild the batch reports from ledgers without running anything; returns the exit code. */
export async function runBatchReport(options: BatchReportOptions, io: Streams): Promise<number> {
  const {ledgers, output, junitFile} = options;
  if (junitFile !== undefined) prepareOutputFile(junitFile, `--junit-file ${junitFile}`);
  const summary = await reportFromLedgers(ledgers, ledgerWarnings(io));
  const held = ledgers.length === 1 ? 'the ledger holds' : 'the ledgers hold';
  return writeBatchReport(summary, `${held} no records (${ledgers.join(', ')})`, {...io, output, junitFile});
}
