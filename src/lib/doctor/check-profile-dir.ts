import {constants} from 'node:fs';
import {access, lstat, readdir} from 'node:fs/promises';
import path from 'node:path';
import {kiroHome, userHome} from '../profile/agent-paths.js';
import {plural} from '../output/plural.js';
import {PROFILE_PREFIX, profileDir} from '../profile/temp-profile.js';
import {fail, pass, warn, type DoctorCheck} from './types.js';

/**
 * Where generated profiles go can be written the way kiro-x writes it: every existing part a real directory
 * (it refuses symlinks), the nearest existing one writable. Stale `kiro-x-*` profiles from killed runs warn.
 */
export const profileDirCheck: DoctorCheck = {
  id: 'profile-dir',
  title: 'Temporary agent profile directory',
  async run(context) {
    const dir = profileDir(context.cwd, context.env);
    const inHome = path.resolve(context.cwd) === userHome(context.env);
    const root = inHome ? path.dirname(kiroHome(context.env)) : path.resolve(context.cwd);
    const parts = path.relative(root, dir).split(path.sep).filter(Boolean);
    let existing = root;
    for (const part of parts) {
      const next = path.join(existing, part);
      const info = await lstat(next).catch(() => null);
      if (info === null) break;
      if (info.isSymbolicLink()) {
        return fail(
          `${next} is a symlink; kiro-x refuses to write agent profiles through one.`,
          'Replace it with a real directory, or run from another --cwd.',
        );
      }
      if (!info.isDirectory()) {
        return fail(
          `${next} is not a directory, so ${dir} cannot be created.`,
          `Move ${next} out of the way.`,
        );
      }
      existing = next;
    }
    const writable = await access(existing, constants.W_OK).then(
      () => true,
      () => false,
    );
    if (!writable) {
      return fail(
        `${existing} is not writable, so no agent profile can be written to ${dir}.`,
        `Make ${existing} writable.`,
      );
    }
    if (existing !== dir) return pass(`${dir} will be created (${existing} is writable).`);
    const names = await readdir(dir).catch(() => [] as string[]);
    const stale = names.filter((n) => n.startsWith(PROFILE_PREFIX) && n.endsWith('.json'));
    if (stale.length > 0) {
      return warn(
        `${dir} holds ${plural(stale.length, 'kiro-x-* profile')}, left by interrupted runs or by a run going on now.`,
        `When no kiro-x run is active: rm ${path.join(dir, `${PROFILE_PREFIX}*.json`)}`,
      );
    }
    return pass(`${dir} is writable.`);
  },
};
