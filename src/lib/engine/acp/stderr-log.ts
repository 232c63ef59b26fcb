import type {Readable} from 'node:stream';
import type {StderrFacts} from '../headless/evidence.js';
import {cleanLine} from '../headless/ansi.js';
import {StderrScanner} from '../headless/stderr-scanner.js';
import {LineSplitter} from '../process/line-splitter.js';

const MAX_LINES = 2000;
const MAX_LINE_CHARS = 8192;

/** What kiro-cli's stderr said during one stretch of a process's life (one turn, on a reused process). */
export interface StderrReport {
  facts: StderrFacts;
  /** The last lines, as the headless scanner cuts them (secrets not yet redacted). */
  tail: string;
}

/**
 * kiro-cli's stderr over the life of an ACP process, which may serve several turns: the lines are kept (the last
 * 2000), and each turn reads the headless scanner's facts over the lines written since its start.
 */
export class StderrLog {
  readonly #lines: string[] = [];
  readonly #splitter = new LineSplitter((raw) => this.#add(cleanLine(raw)));
  #count = 0;

  /** Reads a stderr stream to its end; resolves then (or at once without one). */
  attach(stream: Readable | null | undefined): Promise<void> {
    if (stream === null || stream === undefined) return Promise.resolve();
    return new Promise<void>((resolve) => {
      stream.on('data', (chunk: Buffer) => this.push(chunk));
      stream.once('end', () => {
        this.end();
        resolve();
      });
      stream.once('close', () => resolve());
    });
  }

  /** Feeds one stderr chunk. */
  push(chunk: Uint8Array | string): void {
    this.#splitter.push(chunk);
  }

  /** Flushes a last line without a newline (stderr ended). */
  end(): void {
    this.#splitter.end();
  }

  /** A position to read from later: every line after this call. */
  mark(): number {
    return this.#count;
  }

  /** The facts and tail of the lines written since `mark` (those still kept). */
  since(mark: number): StderrReport {
    const first = Math.max(0, this.#lines.length - (this.#count - mark));
    const scanner = new StderrScanner();
    for (const line of this.#lines.slice(first)) scanner.push(Buffer.from(`${line}\n`, 'utf8'));
    const facts = scanner.end();
    return {facts, tail: scanner.tail()};
  }

  #add(line: string): void {
    this.#lines.push(line.length > MAX_LINE_CHARS ? line.slice(0, MAX_LINE_CHARS) : line);
    this.#count += 1;
    if (this.#lines.length > MAX_LINES) this.#lines.shift();
  }
}
