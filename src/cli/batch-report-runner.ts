import {reportFromLedgers} from '../lib/batch/ledger-report.js';
import {emitBatchReport, warnLedger} from './batch-report-output.js';
import {cliSettings} from './shared-flags.js';

/** Rebuild the batch reports from ledgers without running anything; returns the exit code. */
export async function runBatchReport(ledgers: string[], flags: Record<string, unknown>): Promise<number> {
  const {settings} = await cliSettings(flags);
  const summary = await reportFromLedgers(ledgers, warnLedger);
  return emitBatchReport(summary, settings.output, settings.junitFile);
}
