import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {parseKiroDuration} from '../../src/lib/engine/kiro-time.js';
import {StderrScanner} from '../../src/lib/engine/stderr-scanner.js';
import type {StderrFacts} from '../../src/lib/types.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const capture = (file: string): Buffer =>
  readFileSync(path.resolve(repoRoot, '../shared/kiro-cli/captures', file));

function scan(
  input: string | Buffer,
  chunkSize = Number.MAX_SAFE_INTEGER,
): {facts: StderrFacts; tail: string} {
  const bytes = Buffer.from(input);
  const scanner = new StderrScanner();
  for (let i = 0; i < bytes.length; i += chunkSize) scanner.push(bytes.subarray(i, i + chunkSize));
  return {facts: scanner.end(), tail: scanner.tail()};
}

const NONE: StderrFacts = {
  credits: null,
  kiroTimeMs: null,
  trailer: false,
  authFailed: false,
  agentFallbacks: [],
  deniedTools: [],
  backendTrouble: [],
  warnings: [],
};
const SGR = (text: string): string => `\u001b[38;5;8m${text}\u001b[0m`;

describe('StderrScanner on the trust-all capture', () => {
  const bytes = capture('headless-2.x-trust-all.stderr');
  const expected = {
    facts: {...NONE, credits: 3.96, kiroTimeMs: 849_000, trailer: true},
    tail: [
      'All tools are now trusted (!). Kiro will execute tools without asking for confirmation.',
      'Agents can sometimes do unexpected things so understand the risks.',
      '',
      'Learn more at https://kiro.dev/docs/cli/chat/security/#using-tools-trust-all-safely',
      '',
      '',
      '',
      '',
      '',
      ' ▸ Credits: 3.96 • Time: 14m 9s',
    ].join('\n'),
  };
  it.each([[Number.MAX_SAFE_INTEGER], [1], [3]])('in chunks of %i bytes', (size) => {
    expect(scan(bytes, size)).toEqual(expected);
  });
});

describe('StderrScanner line rules', () => {
  const denied = 'Command execute_bash is rejected because it matches one or more rules on the denied list:';
  it.each<[string, string, Partial<StderrFacts>]>([
    ['trailer', '\n ▸ Credits: 0.06 • Time: 4s\n\n', {trailer: true, credits: 0.06, kiroTimeMs: 4000}],
    [
      'trailer in SGR',
      `${SGR('▸ Credits: 0 • Time: 850ms')}\n`,
      {trailer: true, credits: 0, kiroTimeMs: 850},
    ],
    [
      'trailer with a thousands separator',
      '▸ Credits: 1,234.5 • Time: 1h 2m 3s',
      {trailer: true, credits: 1234.5, kiroTimeMs: 3_723_000},
    ],
    ['trailer without time', '▸ Credits: 3.96', {trailer: true, credits: 3.96}],
    ['trailer with unreadable numbers', '▸ Credits: n/a • Time: soon', {trailer: true}],
    ['credits mentioned elsewhere is no trailer', 'Credits: 3.96 • Time: 4s', {}],
    ['invalid key', 'Authentication failed. Your API key may be invalid or expired.\n', {authFailed: true}],
    [
      'not logged in (new builds)',
      'Not logged in. Set the KIRO_API_KEY environment variable or run `kiro-cli login` first.',
      {authFailed: true},
    ],
    ['not logged in (plain)', 'Not logged in\n', {authFailed: true}],
    [
      'agent fallback with a path name',
      'Error: no agent with name /x/my agent.json found. Falling back to user specified default',
      {
        agentFallbacks: ['/x/my agent.json'],
        warnings: [
          'Error: no agent with name /x/my agent.json found. Falling back to user specified default',
        ],
      },
    ],
    [
      'agent fallback worded by the V3 harness',
      'agent "reviewer" not found, using "kiro_default"',
      {
        agentFallbacks: ['reviewer'],
        warnings: ['agent "reviewer" not found, using "kiro_default"'],
      },
    ],
    [
      'an agent file kiro-cli rejects is a warning, not yet a fallback',
      'Error: Json supplied at /w/.kiro/agents/a.json is invalid: unknown field `colour`, expected one of `name`',
      {
        warnings: [
          'Error: Json supplied at /w/.kiro/agents/a.json is invalid: unknown field `colour`, expected one of `name`',
        ],
      },
    ],
    [
      'denied tool, twice, with its reason line',
      `${denied}\n  - non-interactive mode (no user to approve)\n${denied}\n`,
      {deniedTools: ['execute_bash'], warnings: [denied]},
    ],
    [
      'older approval error',
      'error: Tool approval required but --no-interactive was specified. Use --trust-all-tools to allow it.',
      {
        deniedTools: ['unknown'],
        warnings: [
          'error: Tool approval required but --no-interactive was specified. Use --trust-all-tools to allow it.',
        ],
      },
    ],
    [
      'older approval error naming the tool',
      'error: Tool approval required but --no-interactive was specified (tool: fs_write)',
      {
        deniedTools: ['fs_write'],
        warnings: ['error: Tool approval required but --no-interactive was specified (tool: fs_write)'],
      },
    ],
    [
      'backend trouble',
      'Kiro is having trouble responding right now: 503\nRequest quota exceeded. Please wait a moment and try again.\n' +
        "The model you've selected is temporarily unavailable. Please relaunch with '--model <model_id>' to use a different model.\n",
      {
        backendTrouble: [
          'Kiro is having trouble responding right now: 503',
          'Request quota exceeded. Please wait a moment and try again.',
          "The model you've selected is temporarily unavailable. Please relaunch with '--model <model_id>' to use a different model.",
        ],
        warnings: [
          'Kiro is having trouble responding right now: 503',
          'Request quota exceeded. Please wait a moment and try again.',
          "The model you've selected is temporarily unavailable. Please relaunch with '--model <model_id>' to use a different model.",
        ],
      },
    ],
    [
      'warnings in order, deduplicated, cleaned',
      `${SGR('WARNING: Agent conflict for a. Using workspace version.')}\nFailed to retrieve MCP settings; MCP functionality disabled\n` +
        "error: Model 'x' does not exist. Available models: auto\nWARNING: Agent conflict for a. Using workspace version.\n" +
        'All tools are now trusted (!). Kiro will execute tools without asking for confirmation.\n\nplain chatter\n',
      {
        warnings: [
          'WARNING: Agent conflict for a. Using workspace version.',
          'Failed to retrieve MCP settings; MCP functionality disabled',
          "error: Model 'x' does not exist. Available models: auto",
        ],
      },
    ],
  ])('%s', (_name, input, expected) => {
    const facts = {...NONE, ...expected};
    expect(scan(input).facts).toEqual(facts);
    expect(scan(input, 1).facts).toEqual(facts);
  });

  it('reads a trailer split inside the 3-byte ▸', () => {
    const bytes = Buffer.from('x\n ▸ Credits: 0.06 • Time: 4s\n');
    const arrow = bytes.indexOf(Buffer.from('▸'));
    const scanner = new StderrScanner();
    scanner.push(bytes.subarray(0, arrow + 1));
    scanner.push(bytes.subarray(arrow + 1, arrow + 2));
    scanner.push(bytes.subarray(arrow + 2));
    expect(scanner.end()).toEqual({...NONE, trailer: true, credits: 0.06, kiroTimeMs: 4000});
  });

  it('calls onLine with every cleaned line, the unterminated last one included', () => {
    const lines: string[] = [];
    const scanner = new StderrScanner({onLine: (line) => lines.push(line)});
    scanner.push(Buffer.from(`${SGR('a')}\r\n\nb`));
    scanner.end();
    expect(lines).toEqual(['a', '', 'b']);
  });
});

describe('StderrScanner tail', () => {
  it('keeps the last 40 lines, the unfinished one included', () => {
    const scanner = new StderrScanner();
    scanner.push(Buffer.from(Array.from({length: 100}, (_, i) => `line ${i}`).join('\n')));
    const expected = Array.from({length: 40}, (_, i) => `line ${i + 60}`).join('\n');
    expect(scanner.tail()).toBe(expected);
    scanner.end();
    expect(scanner.tail()).toBe(expected);
  });

  it('keeps at most 8 KiB, starting at a line boundary', () => {
    const long = 'y'.repeat(5000);
    const {tail} = scan(`${long}1\n${long}2\n${long}3\n`);
    expect(tail).toBe(`${long}3`);
  });

  it('cuts a single huge line to its last 8 KiB', () => {
    const {tail} = scan(`${'z'.repeat(5 * 1024 * 1024)}!\n`);
    expect(tail).toBe(`${'z'.repeat(8191)}!`);
  });
});

describe('parseKiroDuration', () => {
  it.each<[string, number | null]>([
    ['4s', 4000],
    ['0.4s', 400],
    ['34s', 34_000],
    ['14m 9s', 849_000],
    ['2m 3s', 123_000],
    ['1h 2m 3s', 3_723_000],
    ['1m9s', 69_000],
    ['850ms', 850],
    ['2min', 120_000],
    [' 1.25s ', 1250],
    ['', null],
    ['soon', null],
    ['4 seconds', null],
    ['4s later', null],
    ['4', null],
  ])('%j → %s', (text, ms) => {
    expect(parseKiroDuration(text)).toBe(ms);
  });
});
