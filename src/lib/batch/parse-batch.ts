import path from 'node:path';

import {UsageError} from '../errors.js';
import {plural} from '../output/plural.js';
import {readEntries} from './read-entries.js';
import {BATCH_FORMATS, type BatchFormat, type BatchItem} from './types.js';
import {validateItem} from './validate-item.js';

const EXTENSIONS: Record<string, BatchFormat> = {
  '.txt': 'txt',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'json',
  '.yaml': 'yaml',
  '.yml': 'yaml',
};

/** The format of a batch file: `--format` when given, else its extension; stdin (`-`) needs `--format`. */
export function batchFormat(file: string, given: string | undefined): BatchFormat {
  if (given !== undefined) {
    const format = given === 'yml' ? 'yaml' : given;
    if ((BATCH_FORMATS as readonly string[]).includes(format)) return format as BatchFormat;
    throw new UsageError(`--format: expected one of ${BATCH_FORMATS.join(', ')}, got "${given}".`);
  }
  if (file === '-') throw new UsageError('Reading a batch from stdin needs --format txt|jsonl|json|yaml.');
  const format = EXTENSIONS[path.extname(file).toLowerCase()];
  if (format !== undefined) return format;
  throw new UsageError(`${file}: unknown batch file extension; use .txt, .jsonl, .json, .yaml or .yml.`, [
    'Or name the format with --format.',
  ]);
}

/** Where a batch came from, for messages and relative paths. */
export interface BatchSource {
  /** As the user named it (`-` for stdin). */
  file: string;
  format: BatchFormat;
  /** Directory a relative item `cwd` is resolved against. */
  baseDir: string;
}

/**
 * Validate a whole batch before anything runs: every problem of every item, as `FILE:LINE: message`, in
 * one UsageError. Ids default to the line number (txt, jsonl) or the position from 1 (json, yaml).
 */
export function parseBatch(text: string, source: BatchSource): BatchItem[] {
  const shownFile = source.file === '-' ? '<stdin>' : source.file;
  const {entries, problems: syntax} = readEntries(text, source.format);
  const problems = syntax.map((p) => ({line: p.line, message: p.message}));
  const items: BatchItem[] = [];
  const seen = new Map<string, number>();
  entries.forEach((entry, index) => {
    const byLine = source.format === 'txt' || source.format === 'jsonl';
    const defaultId = String(byLine ? entry.line : index + 1);
    const {item, id, problems: found} = validateItem(entry.value, entry.line, defaultId, source.baseDir);
    for (const message of found) problems.push({line: entry.line, message});
    const first = seen.get(id);
    if (first !== undefined) {
      problems.push({line: entry.line, message: `duplicate id "${id}" (first used on line ${first})`});
      return;
    }
    seen.set(id, entry.line);
    if (item !== null) items.push(item);
  });
  if (problems.length === 0 && items.length === 0) problems.push({line: 1, message: 'no prompts found'});
  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line);
    const list = problems.map((p) => `${shownFile}:${p.line}: ${p.message}`).join('\n');
    const count = plural(problems.length, 'problem');
    throw new UsageError(`${shownFile} has ${count}; nothing was run:\n${list}`, [
      'Fix the batch file and run again.',
    ]);
  }
  return items;
}
