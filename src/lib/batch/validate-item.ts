import {statSync} from 'node:fs';
import path from 'node:path';

import {didYouMean} from '../config/did-you-mean.js';
import {regexProblem, splitList, typeName} from '../config/values.js';
import {parseDuration} from '../duration.js';
import type {BatchItem, Expectations} from './types.js';

/** The fields an item object may have. */
export const ITEM_FIELDS = [
  'prompt',
  'id',
  'model',
  'agent',
  'trustTools',
  'trustAllTools',
  'systemPrompt',
  'cwd',
  'timeout',
  'resume',
  'expect',
] as const;

/** The expectations an item may state. */
export const EXPECT_FIELDS = ['contains', 'notContains', 'matches', 'equals', 'json'] as const;

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function unknownKeys(value: Fields, known: readonly string[], where: string, problems: string[]): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    // One- and two-letter keys are "close" to every short field name; a guess would only mislead.
    const near = key.length > 2 ? didYouMean(key, known) : null;
    problems.push(`unknown ${where} "${key}"${near === null ? '' : ` (did you mean "${near}"?)`}`);
  }
}

function text(value: Fields, key: string, problems: string[], label = key): string | undefined {
  const raw = value[key];
  if (raw === undefined) return undefined;
  if (typeof raw === 'string' && raw.trim() !== '') return raw;
  problems.push(`${label}: expected a non-empty string, got ${shown(raw)}`);
  return undefined;
}

function stringList(raw: unknown, label: string, problems: string[]): string[] | undefined {
  if (typeof raw === 'string') return [raw];
  if (Array.isArray(raw) && raw.every((item) => typeof item === 'string')) return raw as string[];
  problems.push(`${label}: expected a string or a list of strings, got ${shown(raw)}`);
  return undefined;
}

function shown(raw: unknown): string {
  return typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean'
    ? JSON.stringify(raw)
    : typeName(raw);
}

function readExpect(raw: unknown, problems: string[]): Expectations | undefined {
  if (raw === undefined) return undefined;
  if (!isObject(raw)) {
    problems.push(`expect: expected an object, got ${shown(raw)}`);
    return undefined;
  }
  unknownKeys(raw, EXPECT_FIELDS, 'expectation', problems);
  const out: Expectations = {};
  for (const key of ['contains', 'notContains'] as const) {
    if (raw[key] === undefined) continue;
    const list = stringList(raw[key], `expect.${key}`, problems);
    if (list) out[key] = list;
  }
  const matches = text(raw, 'matches', problems, 'expect.matches');
  const bad = matches === undefined ? null : regexProblem(matches);
  if (bad !== null) problems.push(`expect.matches: ${bad}`);
  else if (matches !== undefined) out.matches = matches;
  if (raw.equals !== undefined) {
    if (typeof raw.equals === 'string') out.equals = raw.equals;
    else problems.push(`expect.equals: expected a string, got ${shown(raw.equals)}`);
  }
  if (raw.json !== undefined) {
    if (typeof raw.json === 'boolean') out.json = raw.json;
    else problems.push(`expect.json: expected true or false, got ${shown(raw.json)}`);
  }
  return out;
}

function readTrust(value: Fields, item: BatchItem, problems: string[]): void {
  if (value.trustTools !== undefined && value.trustAllTools !== undefined) {
    problems.push('trustTools and trustAllTools: set only one of them');
  }
  if (value.trustAllTools !== undefined) {
    if (typeof value.trustAllTools === 'boolean') item.trustAllTools = value.trustAllTools;
    else problems.push(`trustAllTools: expected true or false, got ${shown(value.trustAllTools)}`);
  }
  if (value.trustTools !== undefined) {
    const list = stringList(value.trustTools, 'trustTools', problems);
    if (list) item.trustTools = list.flatMap(splitList);
  }
}

function readCwd(value: Fields, baseDir: string, item: BatchItem, problems: string[]): void {
  const cwd = text(value, 'cwd', problems);
  if (cwd === undefined) return;
  const dir = path.resolve(baseDir, cwd);
  if (statSync(dir, {throwIfNoEntry: false})?.isDirectory()) item.cwd = dir;
  else problems.push(`cwd: ${dir} is not a directory`);
}

/**
 * One raw entry as an item, or the problems found in it. `defaultId` is the line or position number;
 * `baseDir` (the batch file's directory) anchors a relative `cwd`.
 */
export function validateItem(
  raw: unknown,
  line: number,
  defaultId: string,
  baseDir: string,
): {item: BatchItem | null; id: string; problems: string[]} {
  const value: Fields = typeof raw === 'string' ? {prompt: raw} : isObject(raw) ? raw : {};
  if (typeof raw !== 'string' && !isObject(raw)) {
    return {
      item: null,
      id: defaultId,
      problems: [`expected an item object or a prompt string, got ${shown(raw)}`],
    };
  }
  const problems: string[] = [];
  unknownKeys(value, ITEM_FIELDS, 'field', problems);
  const prompt = value.prompt;
  if (prompt === undefined) problems.push('prompt: missing');
  else if (typeof prompt !== 'string') problems.push(`prompt: expected a string, got ${shown(prompt)}`);
  else if (prompt.trim() === '') problems.push('prompt: empty');
  let id = defaultId;
  if (typeof value.id === 'string' && value.id.trim() !== '') id = value.id;
  else if (typeof value.id === 'number' && Number.isInteger(value.id)) id = String(value.id);
  else if (value.id !== undefined) problems.push(`id: expected a non-empty string, got ${shown(value.id)}`);
  const item: BatchItem = {id, prompt: typeof prompt === 'string' ? prompt : '', line};
  for (const key of ['model', 'agent', 'systemPrompt'] as const) {
    const got = text(value, key, problems);
    if (got !== undefined) item[key] = got;
  }
  readTrust(value, item, problems);
  readCwd(value, baseDir, item, problems);
  if (value.timeout !== undefined) {
    try {
      if (typeof value.timeout !== 'string' && typeof value.timeout !== 'number') throw new Error();
      item.timeoutMs = parseDuration(value.timeout, 'timeout');
    } catch (error) {
      const message = error instanceof Error && error.message !== '' ? error.message : '';
      problems.push(
        message || `timeout: expected a duration like "90s" or "5m", got ${shown(value.timeout)}`,
      );
    }
  }
  if (value.resume !== undefined) {
    if (typeof value.resume === 'boolean') item.resume = value.resume;
    else problems.push(`resume: expected true or false, got ${shown(value.resume)}`);
  }
  const expect = readExpect(value.expect, problems);
  if (expect !== undefined) item.expect = expect;
  return {item: problems.length === 0 ? item : null, id, problems};
}
