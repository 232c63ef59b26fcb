import {cliNotFoundMessage, isCliPath} from '../engine/cli-missing.js';
import {versionAtLeast} from '../engine/cli-version.js';
import {lookupCli} from '../engine/find-cli.js';
import {fail, pass, warn, type DoctorCheck} from './types.js';

/** First kiro-cli version with `--resume-id` and `--format` on list commands. */
export const MIN_RESUME_ID_VERSION = '2.2.0';

const INSTALL_FIX =
  'Install kiro-cli (https://kiro.dev/docs/cli/installation), or name it with --cli-path or `cliPath` in .kirorc.';
const PATH_FIX = 'Check the kiro-cli path given by --cli-path, KIRO_X_CLI_PATH or `cliPath` in .kirorc.';
const fixFor = (cliPath: string): string => (isCliPath(cliPath) ? PATH_FIX : INSTALL_FIX);

/** Where `cliPath` resolves: a path as given, or the first executable of that name on the child's PATH. */
export async function locateCli(cliPath: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  const found = await lookupCli(cliPath, process.cwd(), env);
  if (!('file' in found)) return null;
  return isCliPath(cliPath) ? cliPath : found.file;
}

/** kiro-cli is installed where settings say, answers `--version`, and is new enough for sessions by id. */
export const cliCheck: DoctorCheck = {
  id: 'kiro-cli',
  title: 'kiro-cli executable and version',
  async run(context) {
    const {where, version: run} = await context.cliVersion();
    if (where === null || run === null) {
      const how = context.cliPath.includes('/') ? 'is not an executable file' : 'was not found on PATH';
      return fail(`kiro-cli (${context.cliPath}) ${how}.`, fixFor(context.cliPath));
    }
    if (run.spawnErrorCode) {
      return fail(cliNotFoundMessage(where, run.spawnErrorCode), fixFor(context.cliPath));
    }
    if (run.timedOut) {
      return fail(
        `${where} --version gave no answer within ${context.checkTimeoutMs} ms.`,
        'Check that this is the real kiro-cli; raise --check-timeout on a slow machine.',
      );
    }
    const version = run.version;
    if (version === null) {
      return warn(
        `${where} --version exited ${run.exitCode ?? 'without a code'} without a version${run.said ? `: ${run.said}` : ''}.`,
        'Check that --cli-path names kiro-cli itself, not a wrapper.',
      );
    }
    if (!versionAtLeast(version, MIN_RESUME_ID_VERSION)) {
      return warn(
        `kiro-cli ${version} at ${where} is older than 2.2: no --resume-id and no JSON session list.`,
        'Update kiro-cli (kiro-cli update) to 2.2 or newer.',
      );
    }
    return pass(`kiro-cli ${version} at ${where}.`);
  },
};
