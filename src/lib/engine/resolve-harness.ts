import {CliNotFoundError, UsageError} from '../errors.js';
import {cachedCliVersion} from './cli-version.js';
import {planHarness, type Harness} from './harness.js';

/** Where to look for kiro-cli and how long `--version` may take. */
export interface HarnessTarget {
  cliPath: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

/**
 * The chat arguments that pin `harness` on the installed kiro-cli, its version read once per process. Throws
 * UsageError when that version cannot honour it (or says no version), CliNotFoundError when it cannot start.
 */
export async function harnessArgs(harness: Harness | undefined, target: HarnessTarget): Promise<string[]> {
  if (harness === undefined) return [];
  const found = await cachedCliVersion(target.cliPath, target.cwd, target.env, target.timeoutMs);
  if (found.spawnErrorCode !== null) {
    throw new CliNotFoundError(
      `kiro-cli could not be started (${target.cliPath}: ${found.spawnErrorCode}), so --harness ${harness} cannot be checked.`,
    );
  }
  const fix = ['update kiro-cli, or unset --harness (`harness` in .kirorc, KIRO_X_HARNESS)'];
  if (found.version === null) {
    const why = found.timedOut ? `gave no answer within ${target.timeoutMs} ms` : `printed no version`;
    throw new UsageError(
      `--harness ${harness} needs the kiro-cli version, but ${target.cliPath} --version ${why}${found.said ? ` (${found.said})` : ''}.`,
      fix,
    );
  }
  const plan = planHarness(harness, found.version);
  if (!plan.ok) throw new UsageError(`${plan.problem} (${target.cliPath}).`, fix);
  return plan.args;
}
