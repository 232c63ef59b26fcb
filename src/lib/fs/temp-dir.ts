import {randomBytes} from 'node:crypto';
import {closeSync, constants, openSync, unlinkSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {UsageError} from '../errors.js';
import {describePathError} from './path-problem.js';

/**
 * Check that the temporary directory takes new files before a run starts: answers larger than 1 MiB are
 * spooled there, and finding out mid-turn would waste the turn. Throws a UsageError naming the directory.
 */
export function checkTempDirectory(): void {
  const dir = os.tmpdir();
  const probe = path.join(dir, `kiro-x-probe-${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    closeSync(openSync(probe, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600));
    unlinkSync(probe);
  } catch (error) {
    throw new UsageError(describePathError(`A temporary file in ${dir}`, 'create', error, probe), [
      'set TMPDIR to a writable directory',
    ]);
  }
}
