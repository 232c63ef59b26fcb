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

/** Where a kiro-cli name or path leads: the file that would run, or why none would. */
export type CliLookup = {file: string} | {problem: 'ENOENT' | 'EACCES'};

/**
 * Look kiro-cli up as a spawn would: `cliPath` itself when it is a path (relative ones resolve against `cwd`),
 * else the first executable of that name on the PATH of `env`.
 */
export async function lookupCli(cliPath: string, cwd: string, env: NodeJS.ProcessEnv): Promise<CliLookup> {
  if (isCliPath(cliPath)) {
    const file = path.resolve(cwd, cliPath);
    const problem = await problemOf(file);
    return problem === null ? {file} : {problem};
  }
  let code: 'ENOENT' | 'EACCES' = 'ENOENT';
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const file = path.join(dir, cliPath);
    const problem = await problemOf(file);
    if (problem === null) return {file};
    // A file of that name that cannot run says more than the names that are not there.
    if (problem === 'EACCES') code = problem;
  }
  return {problem: code};
}

/**
 * Where kiro-cli is: the resolved path when `cliPath` is a path, else the name itself once it is found on PATH.
 * A program using the library learns of a missing kiro-cli as a thrown {@link CliNotFoundError} before any
 * turn, not as a turn outcome.
 */
export async function findCli(cliPath: string, cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  const found = await lookupCli(cliPath, cwd, env);
  if ('file' in found) return isCliPath(cliPath) ? found.file : cliPath;
  throw new CliNotFoundError(
    cliNotFoundMessage(cliPath, found.problem),
    cliNotFoundSuggestions(cliPath),
    cliPath,
  );
}
