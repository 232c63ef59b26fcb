import {fsReason} from '../fs/path-problem.js';

/** Whether kiro-x was told where kiro-cli is (a path), rather than to look the name up on PATH. */
export const isCliPath = (cliPath: string): boolean => cliPath.includes('/');

/**
 * Why kiro-cli could not be started, naming the path or the PATH lookup, from the spawn error code: a missing
 * binary, one that is not executable, or a path through a file.
 */
export function cliNotFoundMessage(cliPath: string, code: string): string {
  if (!isCliPath(cliPath)) {
    if (code === 'EACCES') return `kiro-cli could not be started: "${cliPath}" on PATH is not executable.`;
    if (code === 'ENOENT') return `kiro-cli could not be started: no "${cliPath}" was found on PATH.`;
  }
  const why =
    code === 'ENOENT'
      ? 'it does not exist'
      : code === 'EACCES'
        ? 'it is not an executable file'
        : fsReason(Object.assign(new Error(code), {code}), cliPath, 'read');
  return `kiro-cli could not be started from ${cliPath}: ${why}.`;
}

/** The next step for a kiro-cli that cannot be started: install it, or fix the path that was given. */
export function cliNotFoundSuggestions(cliPath: string | undefined): string[] {
  if (cliPath !== undefined && isCliPath(cliPath)) {
    return ['check the kiro-cli path given by --cli-path, KIRO_X_CLI_PATH or cliPath in .kirorc'];
  }
  return ['install kiro-cli (https://kiro.dev/docs/cli/installation) or pass --cli-path'];
}
