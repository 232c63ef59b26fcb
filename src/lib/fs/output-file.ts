import {closeSync, constants, openSync, statSync, unlinkSync} from 'node:fs';
import path from 'node:path';

import {UsageError} from '../errors.js';
import {makeDirectories} from './make-dirs.js';
import {describePathError} from './path-problem.js';

/**
 * Check, before any work is done, that a report or ledger path can be written at the end: its directories are
 * created, an existing file is opened for writing (not truncated), and a new file is created and removed at
 * once, so an early failure leaves no empty file behind. Throws a UsageError naming `subject` (`--junit-file
 * out.xml`). Devices, pipes and sockets are not probed: opening some of them blocks or consumes.
 */
export function prepareOutputFile(file: string, subject: string): void {
  try {
    makeDirectories(path.dirname(path.resolve(file)));
  } catch (error) {
    throw new UsageError(describePathError(subject, 'create', error, file));
  }
  const info = statSync(file, {throwIfNoEntry: false});
  try {
    if (info?.isDirectory()) throw Object.assign(new Error('is a directory'), {code: 'EISDIR'});
    if (info === undefined) {
      closeSync(openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644));
      unlinkSync(file);
    } else if (info.isFile()) {
      closeSync(openSync(file, constants.O_WRONLY));
    }
  } catch (error) {
    throw new UsageError(describePathError(subject, info === undefined ? 'create' : 'write', error, file));
  }
}
