import {mkdirSync, statSync} from 'node:fs';
import path from 'node:path';

/** An ENOTDIR error for `dir`, which cannot be made because a part of its path is a file. */
function notADirectory(dir: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), {
    code: 'ENOTDIR',
    syscall: 'mkdir',
    path: dir,
  });
}

/**
 * Create `dir` and its missing parents one level at a time; returns the directories it created, outermost
 * first. Node 20's `mkdir(…, {recursive: true})` loops forever at 100 % CPU where a file system answers ENOENT
 * for a directory whose parent exists (any path under /proc), so kiro-x never uses it. Errors are Node's own
 * (`code`, `path`), for `describePathError`.
 */
export function makeDirectories(dir: string, mode?: number): string[] {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    let info: ReturnType<typeof statSync> | undefined;
    try {
      info = statSync(current, {throwIfNoEntry: false});
    } catch (error) {
      // Below a file: keep going up to find it and say which one it is.
      if ((error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw error;
    }
    if (info !== undefined) {
      if (!info.isDirectory()) throw notADirectory(missing.at(-1) ?? current);
      break;
    }
    missing.push(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  const created = missing.reverse();
  for (const each of created) mkdirSync(each, mode === undefined ? {} : {mode});
  return created;
}
