import {TextSpool} from '../process/text-spool.js';

/**
 * Collects the lines of one assistant message into a spool, the way `lines.join('\n').trimEnd()` after
 * dropping leading blank lines would, without holding the lines: blank lines wait until a non-blank one
 * follows, and the last non-blank line is held back so its trailing whitespace can be trimmed.
 */
export class MessageBuilder {
  readonly spool = new TextSpool();
  #held: string | null = null;
  #blanks: string[] = [];

  add(line: string): void {
    if (line.trim() === '') {
      if (this.#held !== null) this.#blanks.push(line);
      return;
    }
    if (this.#held !== null) {
      this.spool.append(this.#held);
      for (const blank of this.#blanks) this.spool.append(`\n${blank}`);
      this.spool.append('\n');
    }
    this.#blanks = [];
    this.#held = line;
  }

  /** Whether any non-blank line arrived. */
  get empty(): boolean {
    return this.#held === null;
  }

  /** Finish the message and return its spool. */
  close(): TextSpool {
    if (this.#held !== null) this.spool.append(this.#held.trimEnd());
    this.#held = null;
    this.#blanks = [];
    return this.spool;
  }
}
