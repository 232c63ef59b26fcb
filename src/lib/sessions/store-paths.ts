import {createHash} from 'node:crypto';
import {realpathSync} from 'node:fs';
import path from 'node:path';
import {kiroHome, userHome} from '../profile/agent-paths.js';

/** `$KIRO_HOME/sessions`: the V3 harness's buckets and the V2 engine's `cli` directory live here. */
export function sessionsRoot(env: NodeJS.ProcessEnv): string {
  return path.join(kiroHome(env), 'sessions');
}

/** The V2 engine's session store: `$KIRO_HOME/sessions/cli`. */
export function sessionStoreDir(env: NodeJS.ProcessEnv): string {
  return path.join(sessionsRoot(env), 'cli');
}

/** The V1 engine's SQLite store, which kiro-x does not read. */
export function v1StorePath(env: NodeJS.ProcessEnv): string {
  return path.join(userHome(env), '.local', 'share', 'kiro-cli', 'data.sqlite3');
}

/** The V3 bucket of a workspace: the first 16 hex characters of sha256 over its absolute path. */
export function bucketOf(cwd: string): string {
  return createHash('sha256').update(cwd).digest('hex').slice(0, 16);
}

/** A V3 bucket directory name: 16 hex characters, or `_global` for sessions without a workspace. */
export const BUCKET_NAME = /^([0-9a-f]{16}|_global)$/;

/** kiro-cli records cwds with symlinks resolved; both spellings of a directory are kept. */
export function cwdKeys(cwd: string): Set<string> {
  const resolved = path.resolve(cwd);
  try {
    return new Set([resolved, realpathSync(resolved)]);
  } catch {
    return new Set([resolved]);
  }
}

/**
 * `file` when it lies inside `dir` once symlinks are resolved, else null (also when either is missing). Store
 * files are only ever opened through this, so a symlink cannot lead kiro-x out of the store.
 */
export function inside(dir: string, file: string): string | null {
  try {
    const realDir = realpathSync(dir);
    const real = realpathSync(file);
    return real.startsWith(`${realDir}${path.sep}`) ? file : null;
  } catch {
    return null;
  }
}
