import {explanationRank, isWarningLine, type StderrLineFact} from './stderr-lines.js';

// kiro-cli's internal tool ids in refusals, and the names `--trust-tools` takes (REFERENCE §1).
const TRUST_NAMES: Readonly<Record<string, string>> = {
  execute_bash: 'shell',
  fs_write: 'write',
  fs_read: 'read',
  use_aws: 'aws',
};
// A looping or chatty kiro-cli must not grow one note without bound.
const MAX_NOTE_CHARS = 4000;
const BULLET = /^-\s+/;
const NUMBERED = /^\d+:\s+/;

/**
 * One message of kiro-cli's stderr that may span lines: a line ending in `:` takes the next non-blank line
 * (`Command execute_bash is rejected because … denied list:` + its reason, `⚠️ … rate limit reached:` + the
 * quota line, a panic location + its message, `… trouble responding right now:` + the first cause), and a
 * bulleted reason takes the bullets after it.
 */
export class StderrNote {
  #text: string;
  #rank: number;
  #warning: boolean;
  #refusedTool: string | null;
  #taken = 0;
  #bullets = false;

  constructor(line: string, fact: StderrLineFact) {
    this.#text = line.slice(0, MAX_NOTE_CHARS);
    this.#rank = explanationRank(line, fact);
    this.#warning = isWarningLine(line, fact);
    this.#refusedTool = fact.kind === 'denied' && fact.tool !== 'unknown' ? fact.tool : null;
  }

  /** Takes the line into this note when it continues it; returns whether it did. */
  take(line: string, fact: StderrLineFact): boolean {
    if (fact.kind === 'trailer' || this.#text.length >= MAX_NOTE_CHARS) return false;
    const bullet = BULLET.test(line);
    const opens = this.#taken === 0 && this.#text.endsWith(':');
    if (!opens && !(this.#bullets && bullet)) return false;
    const part = line.replace(BULLET, '').replace(NUMBERED, '').slice(0, MAX_NOTE_CHARS);
    this.#text = this.#taken === 0 ? `${this.#text} ${part}` : `${this.#text}; ${part}`;
    this.#taken++;
    this.#bullets = bullet;
    this.#rank = Math.max(this.#rank, explanationRank(line, fact));
    this.#warning ||= isWarningLine(line, fact);
    return true;
  }

  /** The whole message. */
  get text(): string {
    return this.#text;
  }

  /** See {@link explanationRank}; the best rank of its lines. */
  get rank(): number {
    return this.#rank;
  }

  /** The message as a warning, with the flag that allows a refused tool; null when it is no warning. */
  warning(): string | null {
    if (!this.#warning) return null;
    if (this.#refusedTool === null) return this.#text;
    const name = TRUST_NAMES[this.#refusedTool] ?? this.#refusedTool;
    return `${this.#text}; allow it with --trust-tools ${name}`;
  }
}
