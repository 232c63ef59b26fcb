import {readFile} from 'node:fs/promises';
import {buffer} from 'node:stream/consumers';

import {UsageError} from '../errors.js';
import {describePathError} from './path-problem.js';
import {decodeUtf8} from './utf8.js';

/** Read a UTF-8 text file a user named; any failure is a UsageError saying in words what is wrong with it. */
export async function readTextFile(file: string, subject: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new UsageError(describePathError(subject, 'read', error, file));
  }
  return decodeUtf8(bytes, subject);
}

/** Read all of a stream as UTF-8 text (stdin), refusing bytes that are not UTF-8. */
export async function readTextStream(stream: NodeJS.ReadableStream, subject: string): Promise<string> {
  return decodeUtf8(await buffer(stream), subject);
}
