import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {UsageError} from '../errors.js';
import {makeDirectories} from './make-dirs.js';
import {describePathError} from './path-problem.js';

/** Write a report file (JUnit), creating its directory; a failure is a usage error saying what is wrong. */
export async function writeReport(file: string, content: string, flag = '--junit-file'): Promise<void> {
  const subject = `${flag} ${file}`;
  try {
    makeDirectories(path.dirname(path.resolve(file)));
  } catch (error) {
    throw new UsageError(describePathError(subject, 'create', error, file));
  }
  try {
    await writeFile(file, content);
  } catch (error) {
    throw new UsageError(describePathError(subject, 'write', error, file));
  }
}
