import {reportFromLedgers} from '../lib/batch/ledger-report.js';
import {resolveSettings} from '../lib/config/resolve.js';
import {emitBatchReport, warnLedger} from './batch-report-output.js';
import {givenFlags} from './shared-flags.js';

/** Rebuild the batch reports from ledgers without running anything; returns the exit code. */
export async function runBatchReport(ledgers: string[], flags: Record<string, unknown>): Promise<number> {
  const {settings} = await resolveSettings({
    flags: givenFlags(flags),
    env: process.env,
    cwd: process.cwd(),
    configPath: (flags.config as string | undefined) ?? process.env.KIRO_X_CONFIG,
  });
  const summary = await reportFromLedgers(ledgers, warnLedger);
  return emitBatchReport(summary, settings.output, settings.junitFile);
}
