import {randomBytes} from 'node:crypto';
import {constants, lstatSync, mkdirSync, rmdirSync, unlinkSync} from 'node:fs';
import {open} from 'node:fs/promises';
import path from 'node:path';
import {UsageError} from '../errors.js';
import {describePathError} from '../fs/path-problem.js';
import {kiroHome, userHome} from './agent-paths.js';

/** Every generated profile starts with this; stale-profile clean-up matches on it. */
export const PROFILE_PREFIX = 'kiro-x-';

/** A generated agent profile on disk; `remove()` is idempotent and synchronous so exit handlers can use it. */
export interface TempProfile {
  name: string;
  path: string;
  remove(): void;
}

const live = new Set<TempProfile>();
let exitHookInstalled = false;

/** Last resort: profiles still on disk when the process exits are removed (normal paths remove them earlier). */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const profile of live) profile.remove();
  });
}

/** A fresh profile name: the prefix and 48 random bits. */
export function randomProfileName(): string {
  return `${PROFILE_PREFIX}${randomBytes(6).toString('hex')}`;
}

/** The agents directory kiro-cli reads for this cwd: the workspace's, or `$KIRO_HOME/agents` in `$HOME`. */
export function profileDir(cwd: string, env: NodeJS.ProcessEnv): string {
  const resolved = path.resolve(cwd);
  return resolved === userHome(env)
    ? path.join(kiroHome(env), 'agents')
    : path.join(resolved, '.kiro', 'agents');
}

/** Create each missing directory of `dir` below `root`; refuse symlinks so nothing is written through one. */
function ensureDir(root: string, dir: string): string[] {
  const created: string[] = [];
  const parts = path.relative(root, dir).split(path.sep).filter(Boolean);
  let current = root;
  for (const part of parts) {
    current = path.join(current, part);
    const stat = lstatSync(current, {throwIfNoEntry: false});
    if (stat === undefined) {
      try {
        mkdirSync(current, {mode: 0o700});
      } catch (error) {
        for (const made of created.reverse()) rmdirSync(made);
        throw new UsageError(
          describePathError(`The agent profile directory ${current}`, 'create', error, current),
        );
      }
      created.push(current);
      continue;
    }
    if (stat.isSymbolicLink()) {
      throw new UsageError(`Refusing to write an agent profile through the symlink ${current}.`, [
        'Replace the symlink with a real directory, or run from another --cwd.',
      ]);
    }
    if (!stat.isDirectory()) {
      throw new UsageError(`${current} is not a directory, so no agent profile can be written in ${dir}.`);
    }
  }
  return created;
}

/**
 * Write `json` as `<dir>/kiro-x-<random>.json`, created exclusively (never over an existing file or through a
 * link) with mode 0600, and return a handle that removes it and every directory this call created.
 */
export async function writeTempProfile(
  cwd: string,
  env: NodeJS.ProcessEnv,
  build: (name: string) => Record<string, unknown>,
  makeName: () => string = randomProfileName,
): Promise<TempProfile> {
  const dir = profileDir(cwd, env);
  const root = path.resolve(cwd) === userHome(env) ? path.dirname(kiroHome(env)) : path.resolve(cwd);
  let created: string[];
  try {
    created = ensureDir(root, dir);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(describePathError(`The agent profile directory ${dir}`, 'create', error, dir));
  }
  const name = makeName();
  const file = path.join(dir, `${name}.json`);
  const removeDirs = (): void => {
    for (const created_ of [...created].reverse()) {
      try {
        rmdirSync(created_);
      } catch {
        // Not empty: someone else put files there meanwhile, so it is no longer only ours to remove.
        break;
      }
    }
  };
  let handle;
  try {
    handle = await open(
      file,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      0o600,
    );
  } catch (error) {
    removeDirs();
    throw new UsageError(describePathError(`The agent profile ${file}`, 'create', error, file));
  }
  let removed = false;
  const profile: TempProfile = {
    name,
    path: file,
    remove() {
      if (removed) return;
      removed = true;
      live.delete(profile);
      try {
        unlinkSync(file);
      } catch {
        // Already gone: removal is idempotent.
      }
      removeDirs();
    },
  };
  live.add(profile);
  installExitHook();
  try {
    await handle.writeFile(`${JSON.stringify(build(name), null, 2)}\n`);
  } catch (error) {
    await handle.close();
    profile.remove();
    throw new UsageError(describePathError(`The agent profile ${file}`, 'write', error, file));
  }
  await handle.close();
  return profile;
}

/** Detach a profile from the exit hook so `--keep-profile` leaves it on disk. */
export function keepProfile(profile: TempProfile): void {
  live.delete(profile);
}
