import {homedir} from 'node:os';
import path from 'node:path';

import {parseDuration} from '../duration.js';

/** Makes a path absolute against `base`, expanding a leading `~` (not expanded by the shell in `--x=~/…`). */
export function resolvePath(base: string, value: string): string {
  if (value === '~') return homedir();
  if (value.startsWith('~/')) return path.join(homedir(), value.slice(2));
  return path.resolve(base, value);
}

/** A bare command name stays for the PATH lookup; anything with a slash is a path relative to `base`. */
export function resolveCommand(base: string, value: string): string {
  return /[/\\]/.test(value) || value.startsWith('~') ? resolvePath(base, value) : value;
}

/** Why `pattern` is not a JavaScript regular expression, or null when it compiles. */
export function regexProblem(pattern: string): string | null {
  try {
    new RegExp(pattern);
    return null;
  } catch (error) {
    const reason = (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
    return `invalid regular expression "${pattern}" (${reason})`;
  }
}

/** Milliseconds of a duration, or the message saying why not (prefixed with `what`); `allowOff` admits 0. */
export function readDuration(
  value: string | number,
  what: string,
  allowOff: boolean,
): {ms: number; problem: null} | {ms: null; problem: string} {
  try {
    const ms = parseDuration(value, what);
    if (ms > 0 || allowOff) return {ms, problem: null};
    return {ms: null, problem: `${what}: duration must be greater than 0, got "${String(value)}"`};
  } catch (error) {
    return {ms: null, problem: (error as Error).message};
  }
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'off']);

/** Reads `1/true/yes/on` and `0/false/no/off` (any case); null for anything else. */
export function parseBooleanWord(text: string): boolean | null {
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return null;
}

/** Splits comma-separated items, trimmed, empty ones dropped (so `''` is an explicit empty list). */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** The JSON-ish type of a value, for `got …` in messages. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
