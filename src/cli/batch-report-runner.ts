import {prepareOutputFile} from '../lib/fs/output-file.js';
import {reportFromLedgers} from '../lib/batch/ledger-report.js';
import {emitBatchReport, warnLedger} from './batch-report-output.js';
import {cliSettings} from './shared-flags.js';

/** Rebuild the batch reports from ledgers without running anything; returns the exit code. */
export async function runBatchReport(ledgers: string[], flags: Record<string, unknown>): Promise<number> {
  const {settings} = await cliSettings(flags);
  if (settings.junitFile !== undefined)
    prepareOutputFile(settings.junitFile, `--junit-file ${settings.junitFile}`);
  const summary = await reportFromLedgers(ledgers, warnLedger);
  const empty = `${ledgers.length === 1 ? 'the ledger holds' : 'the ledgers hold'} no records (${ledgers.join(', ')})`;
  return emitBatchReport(summary, settings.output, settings.junitFile, empty);
}
