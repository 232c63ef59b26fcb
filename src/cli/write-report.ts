import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {UsageError} from '../lib/errors.js';

/** Write a report file (JUnit), creating its directory; a failure is a usage error naming the path. */
export async function writeReport(file: string, content: string, flag = '--junit-file'): Promise<void> {
  try {
    await mkdir(path.dirname(path.resolve(file)), {recursive: true});
    await writeFile(file, content);
  } catch (error) {
    throw new UsageError(
      `${flag} ${file} cannot be written: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
    );
  }
}
