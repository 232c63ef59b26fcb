import {mkdtempSync, writeFileSync} from 'node:fs';
import {homedir, tmpdir} from 'node:os';
import path from 'node:path';

import {describe, expect, it} from 'vitest';

import {loadConfig, parseConfigObject} from '../../src/lib/config/index.js';
import {UsageError} from '../../src/lib/errors.js';

function configFile(name: string, content: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiro-x-validate-'));
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

async function messageOf(file: string): Promise<string> {
  const error = await loadConfig({cwd: path.dirname(file), configPath: file}).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UsageError);
  return (error as UsageError).message;
}

const HINT = '(use seconds like 90, or 500ms, 30s, 5m, 1h30m)';

describe('config validation', () => {
  it('reports every problem of a file at once, naming the file and each key', async () => {
    const file = configFile(
      '.kirorc.yaml',
      [
        "model: ''",
        'effort: huge',
        'trustTools: 3',
        'tools: [read, 2]',
        'timeout: soon',
        'stallTimeout: -1',
        'whoamiTimeout: 0',
        'concurrency: 0',
        'retries: 1.5',
        'maxCredits: 0',
        "keepProfile: 'yes'",
        "allowCommand: ['^ok$', '(']",
        'output: xml',
        'resource: README.md',
        'tols: [read]',
        'trust-tools: [x]',
        'foo: 1',
        'cwd: null',
        'failFast: 1',
        '',
      ].join('\n'),
    );
    expect(await messageOf(file)).toBe(
      [
        `Invalid configuration in ${file}:`,
        '  - model: expected a non-empty string, got ""',
        '  - effort: expected one of low, medium, high, xhigh, max, got "huge"',
        '  - cwd: expected a directory path, got null',
        '  - trustTools: expected an array of strings, got number',
        '  - tools: expected an array of strings, got number at index 1',
        '  - resource: expected an array of strings, got string',
        '  - allowCommand: invalid regular expression "(" (Unterminated group)',
        '  - keepProfile: expected true or false, got string',
        `  - timeout: invalid duration "soon" ${HINT}`,
        `  - stallTimeout: invalid duration "-1" ${HINT}`,
        '  - whoamiTimeout: duration must be greater than 0, got "0"',
        '  - output: expected one of text, json, junit, stream-json, got "xml"',
        '  - concurrency: expected an integer ≥ 1, got 0',
        '  - retries: expected an integer ≥ 0, got 1.5',
        '  - failFast: expected true or false, got number',
        '  - maxCredits: expected a number > 0, got 0',
        '  - tols: unknown key (did you mean "tools"?)',
        '  - trust-tools: unknown key (did you mean "trustTools"?)',
        '  - foo: unknown key',
      ].join('\n'),
    );
  });

  it.each<[string, string, string]>([
    ['.kirorc.json', '{"trustTools": 3}', 'trustTools: expected an array of strings, got number'],
    [
      '.kirorc.json',
      '{"denyCommand": ["a[", "b"]}',
      'denyCommand: invalid regular expression "a[" (Unterminated character class)',
    ],
    ['.kirorc.json', '{"timeout": "90x"}', `timeout: invalid duration "90x" ${HINT}`],
    ['.kirorc.json', '{"timeout": 0}', 'timeout: duration must be greater than 0, got "0"'],
    [
      '.kirorc.json',
      '{"timeout": true}',
      'timeout: expected a duration (seconds, or a string like "30s", "5m", "1h30m"), got boolean',
    ],
    [
      '.kirorc.json',
      '{"stallTimeout": []}',
      'stallTimeout: expected a duration (seconds, or a string like "30s", "5m"; 0 turns it off), got array',
    ],
    ['.kirorc.json', '{"concurrency": "4"}', 'concurrency: expected an integer ≥ 1, got string'],
    ['.kirorc.json', '{"allowPath": [""]}', 'allowPath: expected an array of strings, got "" at index 0'],
    ['.kirorc.json', '{"agent": {}}', 'agent: expected a non-empty string, got object'],
    ['.kirorc.json', '{"Model": "x"}', 'Model: unknown key (did you mean "model"?)'],
    ['.kirorc.json', '{"strict": true, "timeOut": "5m"}', 'timeOut: unknown key (did you mean "timeout"?)'],
    [
      '.kirorc.yaml',
      'trustAllTools: true\ntrustTools: [read]\n',
      'trustAllTools and trustTools: set only one of them',
    ],
    [
      '.kirorc.yaml',
      'systemPrompt: hi\nsystemPromptFile: p.md\n',
      'systemPrompt and systemPromptFile: set only one of them',
    ],
    ['.kirorc.yaml', '- model: x\n', 'expected an object of settings, got array'],
    ['.kirorc.yaml', 'just text\n', 'expected an object of settings, got string'],
  ])('%s %s → %s', async (name, content, problem) => {
    const file = configFile(name, content);
    expect(await messageOf(file)).toBe(`Invalid configuration in ${file}:\n  - ${problem}`);
  });

  it('suggests a fix with the error', () => {
    expect(() => parseConfigObject({foo: 1}, '/p/.kirorc')).toThrow(
      expect.objectContaining({
        suggestions: ['Fix the file, or name another with --config / KIRO_X_CONFIG.'],
      }),
    );
  });

  it('parses values and resolves relative paths against the file directory', () => {
    expect(
      parseConfigObject(
        {
          cwd: 'work',
          systemPromptFile: 'prompts/sys.md',
          mcpConfig: '../mcp.json',
          junitFile: '/abs/junit.xml',
          results: '~/ledger.jsonl',
          cliPath: './bin/kiro-cli',
          timeout: 90,
          stallTimeout: 0,
          whoamiTimeout: '250ms',
          allowCommand: ['^git status$'],
          maxCredits: 2.5,
        },
        '/proj/sub/.kirorc.yaml',
      ),
    ).toEqual({
      cwd: '/proj/sub/work',
      systemPromptFile: '/proj/sub/prompts/sys.md',
      mcpConfig: '/proj/mcp.json',
      junitFile: '/abs/junit.xml',
      results: path.join(homedir(), 'ledger.jsonl'),
      cliPath: '/proj/sub/bin/kiro-cli',
      timeout: 90_000,
      stallTimeout: 0,
      whoamiTimeout: 250,
      allowCommand: ['^git status$'],
      maxCredits: 2.5,
    });
  });

  it('keeps a bare cliPath for the PATH lookup', () => {
    expect(parseConfigObject({cliPath: 'kiro-cli-beta'}, '/proj/.kirorc')).toEqual({
      cliPath: 'kiro-cli-beta',
    });
  });
});
