import path from 'node:path';

import {SESSION_ID_HINT, sessionIdProblem} from '../sessions/ids.js';
import {
  EFFORTS,
  ENGINES,
  HARNESS_NAMES,
  KIND_TYPES,
  OUTPUT_FORMATS,
  PERMISSION_MODES,
  type SettingKind,
} from './kinds.js';

// The kinds whose value is one word of a fixed list.
const CHOICES = {
  effort: EFFORTS,
  harness: HARNESS_NAMES,
  engine: ENGINES,
  permissionMode: PERMISSION_MODES,
  output: OUTPUT_FORMATS,
} as const satisfies Partial<Record<SettingKind, readonly string[]>>;
import {
  parseBooleanWord,
  readDuration,
  regexProblem,
  resolveCommand,
  resolvePath,
  splitList,
  typeName,
} from './values.js';

/** A parsed value, or the message (prefixed with the flag or variable name) saying why there is none. */
export type Coerced = {ok: true; value: unknown} | {ok: false; problem: string; suggestion?: string};

const INTEGER = /^\s*\d+\s*$/;
const DECIMAL = /^\s*\d+(?:\.\d+)?\s*$/;

/**
 * Parses a flag or environment value of the given kind. Unlike config files, text forms are welcome here
 * (`yes`, `90`, `a,b`), since env values are always strings and flags may be too.
 */
export function coerceValue(kind: SettingKind, raw: unknown, name: string, base: string): Coerced {
  const fail = (problem: string): Coerced => ({ok: false, problem: `${name}: ${problem}`});
  const expected = (): Coerced => fail(`expected ${KIND_TYPES[kind]}, got ${describe(raw)}`);
  const ok = (value: unknown): Coerced => ({ok: true, value});
  switch (kind) {
    case 'string':
    case 'path':
    case 'directory':
    case 'command': {
      if (typeof raw !== 'string' || raw === '') return expected();
      if (kind === 'string') return ok(raw);
      return ok(kind === 'command' ? resolveCommand(base, raw) : resolvePath(base, raw));
    }
    case 'effort':
    case 'harness':
    case 'engine':
    case 'permissionMode':
    case 'output': {
      const choices: readonly string[] = CHOICES[kind];
      return typeof raw === 'string' && choices.includes(raw) ? ok(raw) : expected();
    }
    case 'sessionId': {
      // Checked here, before anything runs: the id reaches kiro-cli's argv.
      if (typeof raw !== 'string') return expected();
      const problem = sessionIdProblem(raw, name);
      return problem === null ? ok(raw) : {ok: false, problem, suggestion: SESSION_ID_HINT};
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return ok(raw);
      const word = typeof raw === 'string' ? parseBooleanWord(raw) : null;
      return word === null
        ? fail(`expected 1/true/yes/on or 0/false/no/off, got ${describe(raw)}`)
        : ok(word);
    }
    case 'toolList':
    case 'globList':
    case 'regexList': {
      const items = listItems(raw, kind === 'toolList');
      if (items === null) return expected();
      const bad =
        kind === 'regexList' ? items.map(regexProblem).find((problem) => problem !== null) : undefined;
      return bad ? fail(bad) : ok(items);
    }
    case 'directoryList': {
      // One env value holds several paths the way PATH does; a path may contain a comma.
      const values = typeof raw === 'string' ? raw.split(path.delimiter) : raw;
      const items = listItems(values, false);
      return items === null ? expected() : ok(items.map((item) => resolvePath(base, item)));
    }
    case 'duration':
    case 'durationOrOff': {
      if (typeof raw !== 'string' && typeof raw !== 'number') return expected();
      const read = readDuration(raw, name, kind === 'durationOrOff');
      return read.problem === null ? ok(read.ms) : {ok: false, problem: read.problem};
    }
    case 'positiveInteger':
    case 'nonNegativeInteger':
    case 'positiveNumber': {
      const pattern = kind === 'positiveNumber' ? DECIMAL : INTEGER;
      const number = typeof raw === 'string' && pattern.test(raw) ? Number(raw) : raw;
      if (typeof number !== 'number' || !Number.isFinite(number)) return expected();
      const min = kind === 'nonNegativeInteger' ? 0 : 1;
      const valid = kind === 'positiveNumber' ? number > 0 : Number.isInteger(number) && number >= min;
      return valid ? ok(number) : expected();
    }
  }
}

/** Items of a list given as one string or repeated flags; tool names may also be comma-separated. */
function listItems(raw: unknown, commaSeparated: boolean): string[] | null {
  const values = typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(values) || !values.every((item) => typeof item === 'string')) return null;
  const items = commaSeparated ? values.flatMap(splitList) : values.map((item) => item.trim());
  return items.filter((item) => item !== '');
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeName(value);
}
