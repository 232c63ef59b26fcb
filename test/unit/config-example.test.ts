import {readFileSync} from 'node:fs';
import path from 'node:path';

import {describe, expect, it} from 'vitest';
import {parse} from 'yaml';

import {loadCommands} from '../helpers/commands.js';

import {
  DEFAULT_SETTINGS,
  ENV_VARS,
  parseConfigObject,
  SETTING_NAMES,
  SETTINGS_KEYS,
} from '../../src/lib/config/index.js';

const examplePath = path.resolve('.kirorc.example');
const example = readFileSync(examplePath, 'utf8');

const commands = await loadCommands();
/** Every flag of every command, by name, with its description. */
const flags = new Map<string, string>(
  commands.flatMap(([, command]) =>
    Object.entries(command.flags ?? {}).map(([name, flag]) => [`--${name}`, flag.description ?? ''] as const),
  ),
);

/** The comment block above a key's line. */
function commentOf(key: string): string {
  const entry = new RegExp(`^(?:# )?${key}: `, 'm').exec(example);
  expect(entry, `no "${key}:" line`).not.toBeNull();
  return example.slice(0, entry?.index).split('\n\n').at(-1) ?? '';
}

describe('.kirorc.example', () => {
  it.each(SETTING_NAMES)('documents %s with its flag, env variable and default', (key) => {
    const spec = SETTINGS_KEYS[key];
    const comment = commentOf(key);
    expect(comment).toContain(spec.flag === null ? 'No flag' : `Flag ${spec.flag}`);
    expect(comment).toContain(spec.env === null ? 'no env variable' : `env ${spec.env}`);
    // The flag's own help says the default the user sees; the example must say the same.
    const flagDefault =
      spec.flag === null ? undefined : /\[default: ([^\]]+)\]/.exec(flags.get(spec.flag) ?? '')?.[1];
    if (flagDefault !== undefined) expect(comment).toContain(`Default: ${flagDefault}.`);
    else if (spec.default !== null) expect(comment).toContain(`Default: ${String(spec.default)}.`);
  });

  it('names only flags that exist, and every key that has a flag names it', () => {
    const named = [...example.matchAll(/\bFlag (--[a-z-]+)/g)].map((m) => m[1] as string);
    expect(named.filter((flag) => !flags.has(flag))).toEqual([]);
    for (const key of SETTING_NAMES) {
      const flag = SETTINGS_KEYS[key].flag;
      if (flag === null)
        expect(flags.has(`--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`)).toBe(false);
      else expect(flags.has(flag), `${flag} is not a flag of any command`).toBe(true);
    }
  });

  it('has a valid uncommented part', () => {
    const config = parseConfigObject(parse(example) as unknown, examplePath);
    expect(Object.keys(config)).toEqual(['cliPath', 'trustTools', 'timeout']);
  });

  it('has every commented-out entry valid once uncommented', () => {
    const uncommented = example.replace(new RegExp(`^# (${SETTING_NAMES.join('|')}): `, 'gm'), '$1: ');
    const raw = parse(uncommented) as Record<string, unknown>;
    // One key of each exclusive pair stays commented in use.
    const partners = ['trustAllTools', 'systemPrompt', 'noTools'];
    for (const key of partners) delete raw[key];
    expect(() => parseConfigObject(raw, examplePath)).not.toThrow();
    expect(Object.keys(raw).sort()).toEqual(SETTING_NAMES.filter((key) => !partners.includes(key)).sort());
  });
});

describe('SETTINGS_KEYS', () => {
  it('derives each flag from the key', () => {
    expect(SETTINGS_KEYS.trustAllTools.flag).toBe('--trust-all-tools');
    expect(SETTINGS_KEYS.noSessionId.flag).toBe('--no-session-id');
    expect(SETTINGS_KEYS.cliPath.flag).toBe('--cli-path');
    expect(SETTINGS_KEYS.whoamiTimeout.flag).toBeNull();
  });

  it('lists every environment variable', () => {
    expect(ENV_VARS).toEqual([
      'KIRO_X_CONFIG',
      'KIRO_X_MODEL',
      'KIRO_X_EFFORT',
      'KIRO_X_AGENT',
      'KIRO_X_HARNESS',
      'KIRO_X_ENGINE',
      'KIRO_X_PERMISSION_MODE',
      'KIRO_X_CLI_PATH',
      'KIRO_X_TRUST_ALL_TOOLS',
      'KIRO_X_TRUST_TOOLS',
      'KIRO_X_SYSTEM_PROMPT_FILE',
      'KIRO_X_MCP_CONFIG',
      'KIRO_X_TIMEOUT',
      'KIRO_X_STALL_TIMEOUT',
      'KIRO_X_WHOAMI_TIMEOUT',
      'KIRO_X_OUTPUT',
      'KIRO_X_JUNIT_FILE',
      'KIRO_X_NO_SESSION_ID',
      'KIRO_X_CONCURRENCY',
      'KIRO_X_RETRIES',
      'KIRO_X_RESULTS',
      'KIRO_X_ALLOW_CWD',
      'KIRO_X_ALLOW_MODEL',
      'KIRO_X_ALLOW_AGENT',
      'KIRO_X_MAX_CONCURRENT',
      'KIRO_X_MAX_PROMPT_BYTES',
      'KIRO_X_TASK_RETENTION',
      'KIRO_X_MAX_TASKS',
    ]);
  });

  it('parses its defaults into DEFAULT_SETTINGS', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      engine: 'headless',
      permissionMode: 'deny',
      cliPath: 'kiro-cli',
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
    });
  });
});
