import {randomBytes} from 'node:crypto';
import {closeSync, openSync, readSync, unlinkSync, writeSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {StringDecoder} from 'node:string_decoder';

import {describePathError} from '../../fs/path-problem.js';

/** Characters kept in memory before a spool moves to disk. */
export const SPOOL_MEMORY_CHARS = 1024 * 1024;
const WRITE_BATCH_CHARS = 256 * 1024;
const READ_CHUNK_BYTES = 1024 * 1024;

/** Where a spool's text goes: anything with a Node-style `write(chunk, callback)`. */
export interface SpoolSink {
  write(chunk: string, callback: (error?: Error | null) => void): boolean;
}

/**
 * Append-only text that stays in memory while small and moves to a temporary file when it grows, so a
 * 200 MB answer or transcript never has to be one string. The file is unlinked as soon as it is opened:
 * it disappears with the process whatever way that ends.
 */
export class TextSpool {
  readonly #limit: number;
  #pending: string[] = [];
  #pendingChars = 0;
  #length = 0;
  #fd: number | null = null;

  constructor(memoryChars = SPOOL_MEMORY_CHARS) {
    this.#limit = memoryChars;
  }

  /** Number of UTF-16 characters appended so far. */
  get length(): number {
    return this.#length;
  }

  /** Whether the text lives on disk (then `toString()` may be too large to call). */
  get spilled(): boolean {
    return this.#fd !== null;
  }

  append(text: string): void {
    if (text === '') return;
    this.#pending.push(text);
    this.#pendingChars += text.length;
    this.#length += text.length;
    if (this.#fd === null ? this.#pendingChars > this.#limit : this.#pendingChars >= WRITE_BATCH_CHARS) {
      this.#flush();
    }
  }

  /** The whole text as one string. */
  toString(): string {
    return [...this.#pieces()].join('');
  }

  /** At most the first `maxChars` characters (reports and previews of texts of any size). */
  head(maxChars: number): string {
    let text = '';
    for (const piece of this.#pieces()) {
      text += piece.slice(0, maxChars - text.length);
      if (text.length >= maxChars) break;
    }
    return text;
  }

  /** Write the text to a stream piece by piece, honouring backpressure; `json` writes a JSON string literal. */
  async writeTo(sink: SpoolSink, options: {json?: boolean} = {}): Promise<void> {
    if (options.json) await writeChunk(sink, '"');
    for (const piece of this.#pieces()) {
      // Splitting a surrogate pair across pieces is harmless: JSON re-joins `\ud83d` `\ude00` escapes.
      await writeChunk(sink, options.json ? JSON.stringify(piece).slice(1, -1) : piece);
    }
    if (options.json) await writeChunk(sink, '"');
  }

  /** Close and forget the backing file. */
  dispose(): void {
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
    this.#pending = [];
    this.#pendingChars = 0;
    this.#length = 0;
  }

  #flush(): void {
    if (this.#fd === null) {
      const file = path.join(os.tmpdir(), `kiro-x-spool-${process.pid}-${randomBytes(6).toString('hex')}`);
      try {
        this.#fd = openSync(file, 'wx+', 0o600);
      } catch (error) {
        const message = describePathError(
          `A temporary file in ${os.tmpdir()} (TMPDIR)`,
          'create',
          error,
          file,
        );
        throw new Error(message, {cause: error});
      }
      unlinkSync(file);
    }
    writeSync(this.#fd, this.#pending.join(''));
    this.#pending = [];
    this.#pendingChars = 0;
  }

  // The text in pieces: the in-memory strings, or the file read back in UTF-8-safe chunks.
  *#pieces(): Generator<string> {
    if (this.#fd === null) {
      if (this.#length > 0) yield this.#pending.join('');
      return;
    }
    this.#flush();
    const fd = this.#fd;
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES);
    for (let position = 0; ;) {
      const read = readSync(fd, buffer, 0, buffer.length, position);
      if (read === 0) break;
      position += read;
      yield decoder.write(buffer.subarray(0, read));
    }
    const rest = decoder.end();
    if (rest) yield rest;
  }
}

/** Write one chunk and wait until the sink has taken it (backpressure); a write error rejects. */
export function writeChunk(sink: SpoolSink, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    sink.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}
