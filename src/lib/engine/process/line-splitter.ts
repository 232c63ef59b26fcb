/**
 * Streaming bytes → lines for kiro-cli's stdout and stderr. Chunks may end anywhere (inside a UTF-8 sequence,
 * an escape or a line); invalid bytes become U+FFFD. A partial line is kept as an array of pieces and joined
 * once when its newline arrives, so a multi-megabyte line costs linear time.
 */
export class LineSplitter {
  readonly #decoder = new TextDecoder('utf-8');
  readonly #onLine: (raw: string) => void;
  #pieces: string[] = [];
  #partialLength = 0;

  constructor(onLine: (raw: string) => void) {
    this.#onLine = onLine;
  }

  /** Decodes a chunk and reports every line it completes (without `\n` or a trailing `\r`). */
  push(chunk: Uint8Array | string): void {
    this.#feed(typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, {stream: true}));
  }

  /** Flushes the decoder and reports the last line if it had no newline; returns whether it did. */
  end(): boolean {
    this.#feed(this.#decoder.decode());
    if (this.#pieces.length === 0) return false;
    this.#emit(this.#takePartial());
    return true;
  }

  /** The unfinished line so far, or null when it is longer than maxLength (peeking must stay cheap). */
  peek(maxLength: number): string | null {
    if (this.#partialLength === 0 || this.#partialLength > maxLength) return null;
    return this.#pieces.join('');
  }

  #feed(text: string): void {
    let start = 0;
    let newline = text.indexOf('\n');
    while (newline !== -1) {
      const piece = text.slice(start, newline);
      if (this.#pieces.length === 0) {
        this.#emit(piece);
      } else {
        this.#pieces.push(piece);
        this.#emit(this.#takePartial());
      }
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    if (start < text.length) {
      this.#pieces.push(text.slice(start));
      this.#partialLength += text.length - start;
    }
  }

  #takePartial(): string {
    const line = this.#pieces.join('');
    this.#pieces = [];
    this.#partialLength = 0;
    return line;
  }

  #emit(line: string): void {
    this.#onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
  }
}

/**
 * A copy of a string that no longer shares memory with the chunk it was cut from: V8 substrings point into
 * their parent, so keeping a 40-character tool title could otherwise keep a whole megabyte chunk alive.
 */
export function detach(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}
