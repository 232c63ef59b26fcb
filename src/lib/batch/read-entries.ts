import {LineCounter, parseDocument, isSeq} from 'yaml';

import {firstLine} from '../output/shorten.js';
import type {BatchFormat} from './types.js';

/** One raw entry of a batch file and the line it starts on. */
export interface RawEntry {
  line: number;
  value: unknown;
}

/** The raw entries of a batch file, or the problems (`LINE: message`, without the file) that stop reading. */
export interface ReadEntries {
  entries: RawEntry[];
  problems: {line: number; message: string}[];
}

/** Split a batch file into raw entries by format; nothing is validated beyond the syntax. */
export function readEntries(text: string, format: BatchFormat): ReadEntries {
  switch (format) {
    case 'txt':
      return readText(text);
    case 'jsonl':
      return readJsonLines(text);
    case 'json':
      return readJson(text);
    case 'yaml':
      return readYaml(text);
  }
}

function lines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/);
}

function readText(text: string): ReadEntries {
  const entries = lines(text).flatMap((raw, index) => {
    const prompt = raw.trim();
    return prompt === '' || prompt.startsWith('#') ? [] : [{line: index + 1, value: {prompt}}];
  });
  return {entries, problems: []};
}

function readJsonLines(text: string): ReadEntries {
  const result: ReadEntries = {entries: [], problems: []};
  lines(text).forEach((raw, index) => {
    if (raw.trim() === '') return;
    try {
      result.entries.push({line: index + 1, value: JSON.parse(raw) as unknown});
    } catch (error) {
      result.problems.push({line: index + 1, message: `not valid JSON: ${(error as Error).message}`});
    }
  });
  return result;
}

/** Line of a character offset (1-based). */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function readJson(text: string): ReadEntries {
  try {
    JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message)?.[1];
    const line = position === undefined ? 1 : lineAt(text, Number(position));
    return {entries: [], problems: [{line, message: `not valid JSON: ${message}`}]};
  }
  // JSON is YAML, and the YAML parser keeps source ranges: it gives each element its line.
  return readYaml(text, 'a JSON array of items');
}

function readYaml(text: string, what = 'a YAML list of items'): ReadEntries {
  const counter = new LineCounter();
  const doc = parseDocument(text, {lineCounter: counter, uniqueKeys: false});
  if (doc.errors.length > 0) {
    return {
      entries: [],
      problems: doc.errors.map((e) => ({
        line: counter.linePos(e.pos[0]).line,
        message: firstLine(e.message) || e.message,
      })),
    };
  }
  if (doc.contents === null) return {entries: [], problems: []};
  if (!isSeq(doc.contents)) {
    const line = counter.linePos(doc.contents.range?.[0] ?? 0).line;
    return {entries: [], problems: [{line, message: `expected ${what}`}]};
  }
  const values = doc.toJS() as unknown[];
  const entries = doc.contents.items.map((node, index) => {
    const offset = (node as {range?: [number, number, number]} | null)?.range?.[0];
    return {line: offset === undefined ? 1 : counter.linePos(offset).line, value: values[index]};
  });
  return {entries, problems: []};
}
