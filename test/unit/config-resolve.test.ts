import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';

import {mergeLayers, resolveSettings, type ResolveInput, type Settings} from '../../src/lib/config/index.js';
import {UsageError} from '../../src/lib/errors.js';

const DEFAULTS: Settings = {
  cliPath: 'kiro-cli',
  engine: 'headless',
  permissionMode: 'deny',
  timeout: 1_800_000,
  stallTimeout: 300_000,
  whoamiTimeout: 5000,
  output: 'text',
  noSessionId: false,
  concurrency: 4,
  retries: 0,
  failFast: false,
  strict: false,
  maxConcurrent: 4,
  maxPromptBytes: 1_048_576,
  taskRetention: 3_600_000,
  maxTasks: 100,
};

let configDir: string;
let cwd: string;

function writeConfig(config: Record<string, unknown>): string {
  const file = path.join(configDir, '.kirorc.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

function resolve(input: Partial<ResolveInput>) {
  return resolveSettings({flags: {}, env: {}, cwd, ...input});
}

async function usageError(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UsageError);
  return (error as UsageError).message;
}

beforeEach(() => {
  configDir = mkdtempSync(path.join(tmpdir(), 'kiro-x-resolve-config-'));
  cwd = mkdtempSync(path.join(tmpdir(), 'kiro-x-resolve-cwd-'));
  vi.stubEnv('XDG_CONFIG_HOME', mkdtempSync(path.join(tmpdir(), 'kiro-x-xdg-')));
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('resolveSettings defaults', () => {
  it('gives the defaults and no config file when nothing is set', async () => {
    const sources = Object.fromEntries(Object.keys(DEFAULTS).map((key) => [key, 'default']));
    await expect(resolve({})).resolves.toEqual({settings: DEFAULTS, configFile: null, sources, problems: []});
  });

  it('finds the config file from input.cwd, not from the cwd setting', async () => {
    const file = path.join(cwd, '.kirorc.yaml');
    writeFileSync(file, 'model: from-cwd\n');
    const result = await resolve({flags: {cwd: configDir}});
    expect(result.configFile).toBe(file);
    expect(result.settings.model).toBe('from-cwd');
    expect(result.settings.cwd).toBe(configDir);
  });
});

type Row = [
  key: keyof Settings,
  config: unknown,
  env: string | null,
  flag: unknown,
  expected: [unknown, unknown, unknown],
];

describe('precedence: flag > env > config > default', () => {
  const rel = (base: 'config' | 'cwd', name: string) => () =>
    path.join(base === 'config' ? configDir : cwd, name);
  const rows: Row[] = [
    ['model', 'c', 'e', 'f', ['c', 'e', 'f']],
    ['effort', 'low', 'medium', 'max', ['low', 'medium', 'max']],
    ['agent', 'c', 'e', 'f', ['c', 'e', 'f']],
    [
      'cliPath',
      './bin/kiro',
      'bin/kiro',
      'kiro-cli-beta',
      [rel('config', 'bin/kiro'), rel('cwd', 'bin/kiro'), 'kiro-cli-beta'],
    ],
    ['trustAllTools', false, 'yes', true, [false, true, true]],
    ['trustTools', ['a'], ' b, c ,', ['d,e', 'f'], [['a'], ['b', 'c'], ['d', 'e', 'f']]],
    [
      'systemPromptFile',
      'c.md',
      'e.md',
      'f.md',
      [rel('config', 'c.md'), rel('cwd', 'e.md'), rel('cwd', 'f.md')],
    ],
    [
      'mcpConfig',
      'c.json',
      'e.json',
      '/abs/f.json',
      [rel('config', 'c.json'), rel('cwd', 'e.json'), '/abs/f.json'],
    ],
    ['timeout', 90, '2m', '1h30m', [90_000, 120_000, 5_400_000]],
    ['stallTimeout', 0, '10', '1m', [0, 10_000, 60_000]],
    ['whoamiTimeout', '1s', '2', '500ms', [1000, 2000, 500]],
    ['output', 'json', 'junit', 'text', ['json', 'junit', 'text']],
    [
      'junitFile',
      'c.xml',
      'e.xml',
      'f.xml',
      [rel('config', 'c.xml'), rel('cwd', 'e.xml'), rel('cwd', 'f.xml')],
    ],
    ['noSessionId', true, 'off', true, [true, false, true]],
    ['concurrency', 2, '3', 5, [2, 3, 5]],
    ['retries', 1, '0', '3', [1, 0, 3]],
    [
      'results',
      'c.jsonl',
      'e.jsonl',
      'f.jsonl',
      [rel('config', 'c.jsonl'), rel('cwd', 'e.jsonl'), rel('cwd', 'f.jsonl')],
    ],
    ['systemPrompt', 'c', null, 'f', ['c', null, 'f']],
    ['tools', ['read'], null, 'read,write', [['read'], null, ['read', 'write']]],
    ['allowTools', ['read'], null, ['grep'], [['read'], null, ['grep']]],
    ['resource', ['a/**'], null, ['b/{x,y}.md', 'c'], [['a/**'], null, ['b/{x,y}.md', 'c']]],
    ['allowCommand', ['^a'], null, ['^b{1,2}'], [['^a'], null, ['^b{1,2}']]],
    ['denyCommand', ['^rm'], null, '^git push', [['^rm'], null, ['^git push']]],
    ['allowPath', ['src/**'], null, ['test/**'], [['src/**'], null, ['test/**']]],
    ['keepProfile', true, null, false, [true, null, false]],
    ['failFast', true, null, false, [true, null, false]],
    ['maxCredits', 10, null, '2.5', [10, null, 2.5]],
    ['strict', true, null, false, [true, null, false]],
  ];

  it.each(rows)('%s', async (key, config, env, flag, expected) => {
    const value = (index: number) => {
      const wanted = expected[index];
      return typeof wanted === 'function' ? (wanted as () => unknown)() : wanted;
    };
    const configFile = writeConfig({[key]: config});
    const envVars: NodeJS.ProcessEnv = {};
    if (env !== null)
      envVars[`KIRO_X_${key.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`] = env;

    const fromConfig = await resolve({configPath: configFile});
    expect([fromConfig.settings[key], fromConfig.sources[key]]).toEqual([value(0), 'config']);

    if (env !== null) {
      const fromEnv = await resolve({configPath: configFile, env: envVars});
      expect([fromEnv.settings[key], fromEnv.sources[key]]).toEqual([value(1), 'env']);
    }

    const fromFlag = await resolve({configPath: configFile, env: envVars, flags: {[key]: flag}});
    expect([fromFlag.settings[key], fromFlag.sources[key]]).toEqual([value(2), 'flag']);
  });

  it('uses a directory flag and config cwd only when it exists', async () => {
    mkdirSync(path.join(configDir, 'work'));
    const configFile = writeConfig({cwd: 'work'});
    await expect(resolve({configPath: configFile})).resolves.toMatchObject({
      settings: {cwd: path.join(configDir, 'work')},
      sources: {cwd: 'config'},
    });
    expect(await usageError(resolve({configPath: configFile, flags: {cwd: 'nope'}}))).toBe(
      `--cwd: directory not found: ${path.join(cwd, 'nope')}`,
    );
    writeFileSync(path.join(configDir, 'file'), '');
    const file = writeConfig({cwd: 'file'});
    expect(await usageError(resolve({configPath: file}))).toBe(
      `cwd (in ${file}): not a directory: ${path.join(configDir, 'file')}`,
    );
  });

  it('resolves directory lists against the file, the cwd, and splits an env value like PATH', async () => {
    const configFile = writeConfig({allowCwd: ['a', '/abs']});
    const fromConfig = await resolve({configPath: configFile});
    expect(fromConfig.settings.allowCwd).toEqual([path.join(configDir, 'a'), '/abs']);
    const env = {KIRO_X_ALLOW_CWD: ['x,y', 'z'].join(path.delimiter)};
    const fromEnv = await resolve({configPath: configFile, env});
    expect(fromEnv.settings.allowCwd).toEqual([path.join(cwd, 'x,y'), path.join(cwd, 'z')]);
    const fromFlag = await resolve({configPath: configFile, env, flags: {allowCwd: ['f', 'g']}});
    expect(fromFlag.settings.allowCwd).toEqual([path.join(cwd, 'f'), path.join(cwd, 'g')]);
  });

  it('ignores undefined flags and flags that are not settings', async () => {
    const result = await resolve({flags: {model: undefined, json: true, prompt: 'hi', timeout: '10'}});
    expect(result.settings).toEqual({...DEFAULTS, timeout: 10_000});
    expect(result.sources.model).toBeUndefined();
  });

  it('reads the config file named by KIRO_X_CONFIG', async () => {
    const file = writeConfig({model: 'named'});
    const result = await resolve({env: {KIRO_X_CONFIG: file}});
    expect([result.configFile, result.settings.model]).toEqual([file, 'named']);
  });
});

describe('exclusive groups', () => {
  it.each<
    [
      string,
      Record<string, unknown>,
      Record<string, string>,
      Record<string, unknown>,
      Partial<Settings>,
      string,
    ]
  >([
    [
      'flag --trust-tools beats config trustAllTools',
      {trustAllTools: true},
      {},
      {trustTools: ['read']},
      {trustTools: ['read']},
      'flag',
    ],
    [
      'flag --trust-all-tools beats config trustTools',
      {trustTools: ['read']},
      {},
      {trustAllTools: true},
      {trustAllTools: true},
      'flag',
    ],
    [
      'env list beats config boolean',
      {trustAllTools: true},
      {KIRO_X_TRUST_TOOLS: 'grep'},
      {},
      {trustTools: ['grep']},
      'env',
    ],
    [
      'empty env list trusts nothing',
      {trustAllTools: true},
      {KIRO_X_TRUST_TOOLS: ''},
      {},
      {trustTools: []},
      'env',
    ],
    [
      'env boolean beats config list',
      {trustTools: ['x']},
      {KIRO_X_TRUST_ALL_TOOLS: '1'},
      {},
      {trustAllTools: true},
      'env',
    ],
    ['flag beats env', {}, {KIRO_X_TRUST_ALL_TOOLS: 'true'}, {trustTools: ''}, {trustTools: []}, 'flag'],
    [
      'flag prompt beats config prompt file',
      {systemPromptFile: 'p.md'},
      {},
      {systemPrompt: 'hi'},
      {systemPrompt: 'hi'},
      'flag',
    ],
    [
      'env prompt file beats config prompt',
      {systemPrompt: 'hi'},
      {KIRO_X_SYSTEM_PROMPT_FILE: 'p.md'},
      {},
      {systemPromptFile: 'CWD/p.md'},
      'env',
    ],
  ])('%s', async (_name, config, env, flags, expected, source) => {
    const result = await resolve({configPath: writeConfig(config), env, flags});
    const wanted = Object.fromEntries(
      Object.entries(expected).map(([key, value]) => [
        key,
        value === 'CWD/p.md' ? path.join(cwd, 'p.md') : value,
      ]),
    );
    const groupKeys = ['trustAllTools', 'trustTools', 'systemPrompt', 'systemPromptFile'] as const;
    const settings = result.settings as unknown as Record<string, unknown>;
    expect(
      Object.fromEntries(groupKeys.filter((key) => key in settings).map((key) => [key, settings[key]])),
    ).toEqual(wanted);
    expect(Object.keys(wanted).map((key) => result.sources[key as keyof Settings])).toEqual([source]);
  });

  it.each<[string, Partial<ResolveInput>, string]>([
    [
      'flags',
      {flags: {trustAllTools: true, trustTools: ['read']}},
      '--trust-all-tools and --trust-tools cannot be used together; choose one',
    ],
    [
      'flags',
      {flags: {systemPrompt: 'a', systemPromptFile: 'b'}},
      '--system-prompt and --system-prompt-file cannot be used together; choose one',
    ],
    [
      'env',
      {env: {KIRO_X_TRUST_ALL_TOOLS: '0', KIRO_X_TRUST_TOOLS: ''}},
      'KIRO_X_TRUST_ALL_TOOLS and KIRO_X_TRUST_TOOLS are both set; set only one',
    ],
  ])('both of a group in the same layer (%s) is an error', async (_layer, input, message) => {
    expect(await usageError(resolve(input))).toBe(message);
  });

  it('both of a group in the config file is an error naming the file', async () => {
    const file = writeConfig({trustAllTools: true, trustTools: []});
    expect(await usageError(resolve({configPath: file}))).toBe(
      `Invalid configuration in ${file}:\n  - trustAllTools and trustTools: set only one of them`,
    );
  });
});

describe('environment variables', () => {
  it.each([
    ['1', true],
    ['TRUE', true],
    ['Yes', true],
    ['on', true],
    [' true ', true],
    ['0', false],
    ['False', false],
    ['NO', false],
    ['off', false],
  ])('boolean %j → %s', async (text, expected) => {
    const result = await resolve({env: {KIRO_X_NO_SESSION_ID: text}});
    expect(result.settings.noSessionId).toBe(expected);
  });

  it.each([
    ['read, grep,,', ['read', 'grep']],
    ['read', ['read']],
    ['', []],
    [' , ', []],
  ])('list %j → %j', async (text, expected) => {
    const result = await resolve({env: {KIRO_X_TRUST_TOOLS: text}});
    expect(result.settings.trustTools).toEqual(expected);
  });

  it('treats an empty non-list variable as unset', async () => {
    const env = {KIRO_X_MODEL: '', KIRO_X_TIMEOUT: ' ', KIRO_X_NO_SESSION_ID: '', KIRO_X_CONFIG: ''};
    await expect(resolve({env})).resolves.toMatchObject({settings: DEFAULTS, configFile: null});
  });

  it.each([
    [
      'KIRO_X_NO_SESSION_ID',
      'maybe',
      'KIRO_X_NO_SESSION_ID: expected 1/true/yes/on or 0/false/no/off, got "maybe"',
    ],
    [
      'KIRO_X_TRUST_ALL_TOOLS',
      'y',
      'KIRO_X_TRUST_ALL_TOOLS: expected 1/true/yes/on or 0/false/no/off, got "y"',
    ],
    [
      'KIRO_X_TIMEOUT',
      'abc',
      'KIRO_X_TIMEOUT: invalid duration "abc" (use seconds like 90, or 500ms, 30s, 5m, 1h30m)',
    ],
    ['KIRO_X_TIMEOUT', '0', 'KIRO_X_TIMEOUT: duration must be greater than 0, got "0"'],
    ['KIRO_X_WHOAMI_TIMEOUT', '0s', 'KIRO_X_WHOAMI_TIMEOUT: duration must be greater than 0, got "0s"'],
    ['KIRO_X_CONCURRENCY', '0', 'KIRO_X_CONCURRENCY: expected an integer ≥ 1, got "0"'],
    ['KIRO_X_CONCURRENCY', '2.5', 'KIRO_X_CONCURRENCY: expected an integer ≥ 1, got "2.5"'],
    ['KIRO_X_RETRIES', '-1', 'KIRO_X_RETRIES: expected an integer ≥ 0, got "-1"'],
    ['KIRO_X_EFFORT', 'huge', 'KIRO_X_EFFORT: expected one of low, medium, high, xhigh, max, got "huge"'],
    ['KIRO_X_OUTPUT', 'JSON', 'KIRO_X_OUTPUT: expected one of text, json, junit, stream-json, got "JSON"'],
  ])('%s=%j is rejected', async (name, text, message) => {
    expect(await usageError(resolve({env: {[name]: text}}))).toBe(message);
  });

  it('allows 0 for KIRO_X_STALL_TIMEOUT (off)', async () => {
    await expect(resolve({env: {KIRO_X_STALL_TIMEOUT: '0'}})).resolves.toMatchObject({
      settings: {stallTimeout: 0},
    });
  });

  it('lists every bad variable at once', async () => {
    const env = {KIRO_X_TIMEOUT: 'x', KIRO_X_RETRIES: 'y'};
    expect(await usageError(resolve({env}))).toBe(
      [
        'Invalid environment variables:',
        '  - KIRO_X_TIMEOUT: invalid duration "x" (use seconds like 90, or 500ms, 30s, 5m, 1h30m)',
        '  - KIRO_X_RETRIES: expected an integer ≥ 0, got "y"',
      ].join('\n'),
    );
  });
});

describe('flags', () => {
  it.each<[Record<string, unknown>, string]>([
    [{timeout: 'soon'}, '--timeout: invalid duration "soon" (use seconds like 90, or 500ms, 30s, 5m, 1h30m)'],
    [
      {stallTimeout: '-1'},
      '--stall-timeout: invalid duration "-1" (use seconds like 90, or 500ms, 30s, 5m, 1h30m)',
    ],
    [{allowCommand: ['^ok$', '(']}, '--allow-command: invalid regular expression "(" (Unterminated group)'],
    [{denyCommand: '*'}, '--deny-command: invalid regular expression "*" (Nothing to repeat)'],
    [{concurrency: 0}, '--concurrency: expected an integer ≥ 1, got 0'],
    [{maxCredits: '0'}, '--max-credits: expected a number > 0, got "0"'],
    [{model: ''}, '--model: expected a non-empty string, got ""'],
    [{effort: 'HIGH'}, '--effort: expected one of low, medium, high, xhigh, max, got "HIGH"'],
    [{tools: [1]}, '--tools: expected an array of strings, got array'],
  ])('%j is rejected', async (flags, message) => {
    expect(await usageError(resolve({flags}))).toBe(message);
  });

  it('reports a bad flag even when the config file is broken too, flags first', async () => {
    const file = path.join(configDir, '.kirorc.json');
    writeFileSync(file, '{');
    expect(await usageError(resolve({configPath: file, flags: {retries: 'x'}}))).toBe(
      '--retries: expected an integer ≥ 0, got "x"',
    );
  });
});

describe('tolerant resolution (doctor)', () => {
  it('leaves out a broken config file and bad variables, saying why, and keeps the flags', async () => {
    const file = writeConfig({model: 7});
    const resolved = await resolve({
      flags: {agent: 'reviewer'},
      env: {KIRO_X_TIMEOUT: 'soon', KIRO_X_CONFIG: file},
      tolerant: true,
    });
    expect(resolved.settings).toEqual({...DEFAULTS, agent: 'reviewer'});
    expect(resolved.configFile).toBeNull();
    expect(resolved.problems).toHaveLength(2);
    expect(resolved.problems[0]).toContain('KIRO_X_TIMEOUT');
    expect(resolved.problems[1]).toContain(file);
  });

  it('drops a configured cwd that is not a directory, but still refuses a bad --cwd', async () => {
    const file = writeConfig({cwd: 'nope', model: 'm'});
    const resolved = await resolve({configPath: file, tolerant: true});
    expect(resolved.settings.cwd).toBeUndefined();
    expect(resolved.settings.model).toBe('m');
    expect(resolved.problems).toEqual([
      `cwd (in ${file}): directory not found: ${path.join(configDir, 'nope')}`,
    ]);
    expect(await usageError(resolve({flags: {cwd: 'gone'}, tolerant: true}))).toBe(
      `--cwd: directory not found: ${path.join(cwd, 'gone')}`,
    );
  });
});

describe('mergeLayers', () => {
  it('takes each key from the first layer that sets it, a group as a unit', () => {
    const merged = mergeLayers([
      {trustTools: ['grep'], model: 'a'},
      {trustAllTools: true, model: 'b', agent: 'x'},
    ]);
    expect(merged.settings).toEqual({trustTools: ['grep'], model: 'a', agent: 'x'});
    expect(merged.from).toEqual({trustTools: 0, model: 0, agent: 1});
  });
});
