import {mkdtempSync} from 'node:fs';
import os from 'node:os';

import {describe, expect, it} from 'vitest';

import {batchFormat, parseBatch} from '../../src/lib/batch/parse-batch.js';
import type {BatchFormat} from '../../src/lib/batch/types.js';

const baseDir = mkdtempSync(`${os.tmpdir()}/kiro-x-batch-`);
const parse = (text: string, format: BatchFormat, file = `b.${format}`) =>
  parseBatch(text, {file, format, baseDir});
const problems = (text: string, format: BatchFormat): string => {
  try {
    parse(text, format);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
};

describe('batchFormat', () => {
  it.each([
    ['a.txt', undefined, 'txt'],
    ['a.JSONL', undefined, 'jsonl'],
    ['a.json', undefined, 'json'],
    ['a.yml', undefined, 'yaml'],
    ['-', 'yml', 'yaml'],
    ['a.txt', 'json', 'json'],
  ])('%s with --format %s is %s', (file, given, want) => {
    expect(batchFormat(file, given)).toBe(want);
  });
  it('needs --format for stdin and a known extension', () => {
    expect(() => batchFormat('-', undefined)).toThrow('needs --format');
    expect(() => batchFormat('a.csv', undefined)).toThrow('unknown batch file extension');
  });
});

describe('parseBatch', () => {
  it('reads txt: one prompt per line, blank lines and comments skipped, ids are line numbers', () => {
    expect(parse('first\n\n# note\n  second  \n', 'txt')).toEqual([
      {id: '1', prompt: 'first', line: 1},
      {id: '4', prompt: 'second', line: 4},
    ]);
  });

  it('reads jsonl with overrides and line-number ids', () => {
    const items = parse(
      '{"prompt":"a","model":"m","timeout":"90s"}\n\n{"id":"x","prompt":"b","trustTools":"read, grep"}\n',
      'jsonl',
    );
    expect(items).toEqual([
      {id: '1', prompt: 'a', line: 1, model: 'm', timeoutMs: 90_000},
      {id: 'x', prompt: 'b', line: 3, trustTools: ['read', 'grep']},
    ]);
  });

  it('reads json arrays and yaml lists with position ids and source lines', () => {
    const json = '[\n  {"prompt": "a"},\n  {"prompt": "b", "expect": {"contains": "x", "json": true}}\n]';
    expect(parse(json, 'json')).toEqual([
      {id: '1', prompt: 'a', line: 2},
      {id: '2', prompt: 'b', line: 3, expect: {contains: ['x'], json: true}},
    ]);
    const yaml = '- prompt: a\n- id: two\n  prompt: b\n  expect:\n    matches: "^b"\n';
    expect(parse(yaml, 'yaml')).toEqual([
      {id: '1', prompt: 'a', line: 1},
      {id: 'two', prompt: 'b', line: 2, expect: {matches: '^b'}},
    ]);
  });

  it('reports every problem of the file at once as FILE:LINE: message', () => {
    const text = [
      '{"prompt":"ok","id":"a"}',
      '{"prompt":"","colour":"red"}',
      '{"prompt":"x","id":"a","timeout":"soon"}',
      'not json',
      '{"prompt":"y","expect":{"matches":"(","contain":"z"},"trustAllTools":"yes"}',
      '{"prompt":"z","cwd":"does-not-exist"}',
    ].join('\n');
    expect(problems(text, 'jsonl')).toBe(
      [
        'b.jsonl has 9 problems; nothing was run:',
        'b.jsonl:2: unknown field "colour"',
        'b.jsonl:2: prompt: empty',
        'b.jsonl:3: timeout: invalid duration "soon" (use seconds like 90, or 500ms, 30s, 5m, 1h30m)',
        'b.jsonl:3: duplicate id "a" (first used on line 1)',
        `b.jsonl:4: not valid JSON: Unexpected token 'o', "not json" is not valid JSON`,
        'b.jsonl:5: trustAllTools: expected true or false, got "yes"',
        'b.jsonl:5: unknown expectation "contain" (did you mean "contains"?)',
        'b.jsonl:5: expect.matches: invalid regular expression "(" (Unterminated group)',
        `b.jsonl:6: cwd: ${baseDir}/does-not-exist is not a directory`,
      ].join('\n'),
    );
  });

  it('rejects a file with no prompts and a json document that is not an array', () => {
    expect(problems('# only a comment\n', 'txt')).toBe(
      'b.txt has 1 problem; nothing was run:\nb.txt:1: no prompts found',
    );
    expect(problems('\n{"prompt": "a"}', 'json')).toBe(
      'b.json has 1 problem; nothing was run:\nb.json:2: expected a JSON array of items',
    );
    expect(problems('[1, "ok"]', 'json')).toBe(
      'b.json has 1 problem; nothing was run:\nb.json:1: expected an item object or a prompt string, got 1',
    );
  });
});
