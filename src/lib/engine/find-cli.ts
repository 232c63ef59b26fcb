import {constants} from 'node:fs';
import {access, stat} from 'node:fs/promises';
import path from 'node:path';
import {CliNotFoundError} from '../errors.js';
import {cliNotFoundMessage, cliNotFoundSuggestions, isCliPath} from './cli-missing.js';

// Why a file cannot be run: missing, or there but not an executable file.
async function problemOf(file: string): Promise<'ENOENT' | 'EACCES' | null> {
  const info = await stat(file).catch(() => null);
  if (info === null) return 'ENOENT';
  if (!info.isFile()) return 'EACCES';
  return access(file, constants.X_OK).then(
    () => null,
    () => 'EACCES' as const,
  );
}

/**
 * Where kiro-cli is: `cliPath` itself when it is a path (relative ones resolve against `cwd`), else the first
 * executable of that name on the PATH of `env`. A program using the library learns of a missing kiro-cli as
 * a thrown {@link CliNotFoundError} before any turn, not as a turn outcome.
 */
export async function findCli(cliPath: string, cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  let code: 'ENOENT' | 'EACCES' = 'ENOENT';
  if (isCliPath(cliPath)) {
    const file = path.resolve(cwd, cliPath);
    const problem = await problemOf(file);
    if (problem === null) return file;
    code = problem;
  } else {
    for (const dir of (env.PATH ?? '').split(path.delimiter)) {
      if (dir === '') continue;
      const problem = await problemOf(path.join(dir, cliPath));
      if (problem === null) return cliPath;
      // A file of that name that cannot run says more than the names that are not there.
      if (problem === 'EACCES') code = problem;
    }
  }
  throw new CliNotFoundError(cliNotFoundMessage(cliPath, code), cliNotFoundSuggestions(cliPath), cliPath);
}
