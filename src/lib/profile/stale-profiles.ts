import {lstatSync, readdirSync, unlinkSync} from 'node:fs';
import path from 'node:path';

/** Generated profile files look exactly like this; nothing else in an agents directory is ever touched. */
const GENERATED = /^kiro-x-[0-9a-f]{12}\.json$/;

/**
 * Remove generated profiles older than `olderThanMs` from an agents directory and return their paths.
 * Only a kiro-x that was killed outright (SIGKILL, power loss) leaves one behind; every other path removes its
 * own. The age bound keeps profiles of runs still in progress safe.
 */
export function removeStaleProfiles(dir: string, olderThanMs: number, now = Date.now()): string[] {
  let names: string[];
  try {
    if (lstatSync(dir).isSymbolicLink()) return [];
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!GENERATED.test(name)) continue;
    const file = path.join(dir, name);
    try {
      const stat = lstatSync(file);
      if (!stat.isFile() || now - stat.mtimeMs <= olderThanMs) continue;
      unlinkSync(file);
      removed.push(file);
    } catch {
      // Gone meanwhile or not ours to remove: either way nothing is left to do.
    }
  }
  return removed;
}
