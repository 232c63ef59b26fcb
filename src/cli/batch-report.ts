import {resolveBatchReportOptions, runBatchReport} from '../lib/batch/run-batch-report.js';
import {processIo, type CommandIo} from './command-io.js';
import {givenFlags} from './shared-flags.js';

/** `kiro-x batch report LEDGER…`: the summary rebuilt from ledgers on stdout; returns the exit code. */
export async function runBatchReportCommand(
  ledgers: readonly string[],
  flags: Record<string, unknown> & {config?: string | undefined},
  io: CommandIo = processIo(),
): Promise<number> {
  const input = {flags: givenFlags(flags), env: io.env, cwd: io.cwd, configPath: flags.config, ledgers};
  return runBatchReport(await resolveBatchReportOptions(input), io);
}
