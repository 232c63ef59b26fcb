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

  /**
   * Adds a line; returns the text it makes part of the message for a live reader (the line and the blank lines
   * it ends, each with its `\n`), or '' for a blank line that may yet turn out to trail the message.
   */
  add(line: string): string {
    if (line.trim() === '') {
      if (this.#held !== null) this.#blanks.push(line);
      return '';
    }
    let shown = `${line}\n`;
    if (this.#held !== null) {
      this.spool.append(this.#held);
      for (const blank of this.#blanks) this.spool.append(`\n${blank}`);
      this.spool.append('\n');
      shown = this.#blanks.map((blank) => `${blank}\n`).join('') + shown;
    }
    this.#blanks = [];
    this.#held = line;
    return shown;
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
