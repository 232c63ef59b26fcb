import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {validateAskResult} from '../helpers/validate.js';
import {makeWorld, runKiroX, TEST_KEY, type World} from './harness.js';

interface Row {
  name: string;
  args: string[];
  env?: Record<string, string | undefined>;
  setup?: (world: World) => void;
  outcome: string;
  exit: number;
  message?: RegExp;
}

const loginFile = (world: World, method: string): void => {
  const dir = path.join(world.home, '.local', 'share', 'kiro-cli');
  mkdirSync(dir, {recursive: true});
  writeFileSync(path.join(dir, 'sim-login.json'), JSON.stringify({method}));
};

// One row per line of the outcome table in the README, each through the built CLI and the simulator.
const rows: Row[] = [
  {name: 'completed', args: ['say hi'], outcome: 'completed', exit: 0, message: /completed/},
  {
    name: 'completed: a time-only trailer (subscription without credits)',
    args: ['say hi [[sim:time=19s]]'],
    env: {KIRO_SIM_TRAILER: 'time'},
    outcome: 'completed',
    exit: 0,
    message: /^The turn completed \(kiro time 19s\)\.$/,
  },
  {
    name: 'failed: exit 0 without trailer (backend trouble)',
    args: ['[[sim:backend=quota]]'],
    outcome: 'failed',
    exit: 1,
    message:
      /\(backend: ⚠️ {2}Kiro rate limit reached: Request quota exceeded\. Please wait a moment and try again\)\.$/,
  },
  {
    name: 'failed: unknown model, the error quoted rather than the MCP notice printed first',
    args: ['hi', '--model', 'gpt-9'],
    outcome: 'failed',
    exit: 1,
    message:
      /^kiro-cli exited 1 \(Model 'gpt-9' does not exist\. Available models: auto, claude-sonnet-4\.5, claude-haiku-4\.5, claude-opus-4\.5\)\.$/,
  },
  {
    name: 'failed: a crash, its panic quoted',
    args: ['[[sim:crash]]'],
    outcome: 'failed',
    exit: 1,
    message:
      /^kiro-cli exited 101 \(thread 'main' panicked at crates\/chat-cli\/src\/cli\/chat\/mod\.rs:812:17: simulated panic while streaming the response\)\.$/,
  },
  {name: 'failed: other non-zero exit', args: ['[[sim:error=boom]]'], outcome: 'failed', exit: 1},
  {
    name: 'failed: killed by a signal',
    args: ['[[sim:signal=SIGSEGV]]'],
    outcome: 'failed',
    exit: 1,
    message: /SIGSEGV/,
  },
  {
    name: 'usage_error: exclusive trust flags',
    args: ['hi', '--trust-all-tools', '--trust-tools', 'read'],
    outcome: 'usage_error',
    exit: 2,
    message: /--trust-tools/,
  },
  {
    name: 'usage_error: bad duration',
    args: ['hi', '--timeout', 'soon'],
    outcome: 'usage_error',
    exit: 2,
    message: /soon/,
  },
  {
    name: 'usage_error: unknown flag',
    args: ['hi', '--frobnicate'],
    outcome: 'usage_error',
    exit: 2,
    message: /frobnicate/,
  },
  {name: 'mcp_startup_failed: exit 3', args: ['[[sim:exit=3]]'], outcome: 'mcp_startup_failed', exit: 3},
  {
    name: 'agent_not_found: exit 4',
    args: ['hi', '--agent', 'ghost'],
    env: {KIRO_SIM_AGENT_MISSING: 'exit4'},
    outcome: 'agent_not_found',
    exit: 4,
  },
  {
    name: 'agent_not_found: "Falling back" for a requested agent',
    args: ['hi', '--agent', 'ghost'],
    outcome: 'agent_not_found',
    exit: 4,
    message: /ghost/,
  },
  {
    name: 'auth_failed: invalid API key (kiro-cli exits 0)',
    args: ['hi'],
    env: {KIRO_API_KEY: 'ksk_invalid_0000'},
    outcome: 'auth_failed',
    exit: 5,
  },
  {
    name: 'auth_failed: profileArn is required although whoami says logged in',
    args: ['hi'],
    env: {KIRO_API_KEY: undefined, KIRO_SIM_PROFILE_ARN: 'missing'},
    setup: (world) => loginFile(world, 'idc'),
    outcome: 'auth_failed',
    exit: 5,
    message:
      /^kiro-cli's login cannot run turns \(exit 1: profileArn is required but no profiles are available\)/,
  },
  {
    name: 'auth_failed: no key and not logged in (whoami)',
    args: ['hi'],
    env: {KIRO_API_KEY: undefined},
    outcome: 'auth_failed',
    exit: 5,
    message: /not logged in/,
  },
  {
    name: 'auth_failed: whoami hangs',
    args: ['hi'],
    env: {KIRO_API_KEY: undefined, KIRO_SIM_WHOAMI: 'hang', KIRO_X_WHOAMI_TIMEOUT: '1s'},
    setup: (world) => loginFile(world, 'builder-id'),
    outcome: 'auth_failed',
    exit: 5,
    message: /whoami/,
  },
  {
    name: 'auth_failed: login prompt mid-turn',
    args: ['[[sim:login-prompt]]'],
    env: {KIRO_API_KEY: undefined},
    setup: (world) => loginFile(world, 'builder-id'),
    outcome: 'auth_failed',
    exit: 5,
  },
  {
    name: 'cli_not_found: --cli-path to nothing',
    args: ['hi', '--cli-path', '/nonexistent/kiro-cli'],
    outcome: 'cli_not_found',
    exit: 6,
  },
  {
    name: 'cli_usage_error: kiro-cli too old for --effort (exit 2 before 2.4.2)',
    args: ['hi', '--effort', 'high'],
    env: {KIRO_SIM_VERSION: '2.1.0'},
    outcome: 'cli_usage_error',
    exit: 7,
    message: /^kiro-cli rejected its command line \(exit 2: unexpected argument '--effort' found\)\.$/,
  },
  {
    name: 'cli_usage_error: a flag rejected after `chat` exits 1 (2.4.2+)',
    args: ['hi', '--effort', 'high'],
    env: {KIRO_SIM_VERSION: '2.9.0'},
    outcome: 'cli_usage_error',
    exit: 7,
    message: /^kiro-cli rejected its command line \(exit 1: unexpected argument '--effort' found\)\.$/,
  },
  {
    name: 'usage_limited: V2 (exit 0, stderr), with the reset date',
    args: ['[[sim:usage-limit]]'],
    outcome: 'usage_limited',
    exit: 10,
    message:
      /^kiro-cli's usage limit is reached \(Monthly request limit reached\); the limits reset on 10\/01, so retrying sooner will not help\.$/,
  },
  {
    name: 'usage_limited: V3 (exit 1, the sentence on stdout)',
    args: ['[[sim:usage-limit=v3]]'],
    outcome: 'usage_limited',
    exit: 10,
    message:
      /^kiro-cli's usage limit is reached \(You've reached your monthly usage limit\); no turn can run/,
  },
  {name: 'timed_out', args: ['[[sim:hang]]', '--timeout', '1s'], outcome: 'timed_out', exit: 8},
  {name: 'stalled', args: ['[[sim:hang]]', '--stall-timeout', '1s'], outcome: 'stalled', exit: 9},
  {
    name: 'a noisy hang is not a stall: it times out',
    args: ['[[sim:hang-noisy]]', '--stall-timeout', '1s', '--timeout', '2s'],
    outcome: 'timed_out',
    exit: 8,
  },
  {
    name: 'trailer then hang: the timeout still ends it',
    args: ['[[sim:trailer-then-hang]]', '--timeout', '1s'],
    outcome: 'timed_out',
    exit: 8,
  },
];

describe('ask outcomes (built CLI against the simulator)', () => {
  it.concurrent.each(rows)('$name → $outcome, exit $exit', async (row) => {
    const world = makeWorld(row.env);
    row.setup?.(world);
    const result = await runKiroX(['ask', ...row.args, '--json'], {world});
    const doc = JSON.parse(result.stdout) as Record<string, unknown>;
    expect({outcome: doc.outcome, exit: result.code}).toEqual({outcome: row.outcome, exit: row.exit});
    expect(doc.ok).toBe(row.outcome === 'completed');
    if (row.message) expect(doc.message).toMatch(row.message);
    expect(validateAskResult(doc)).toEqual({valid: true, errors: []});
    expect(result.stdout + result.stderr).not.toContain(TEST_KEY);
  });

  it('without kiro-cli installed, ends in under a second saying how to install it', async () => {
    const world = makeWorld({PATH: '/usr/bin:/bin'});
    const started = Date.now();
    const result = await runKiroX(['ask', 'hi', '--cli-path', 'kiro-cli-not-installed'], {world});
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result.code).toBe(6);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('https://kiro.dev/docs/cli/installation');
  });

  it.each([
    ['with an API key (the turn itself)', {}],
    ['without one (the login check)', {KIRO_API_KEY: undefined}],
  ])(
    'a --cli-path to nothing is named with what is wrong, and the next step is to check it: %s',
    async (_name, env) => {
      const world = makeWorld(env);
      const result = await runKiroX(['ask', 'hi', '--cli-path', '/nonexistent/kiro-cli'], {world});
      expect(result.code).toBe(6);
      expect(result.stderr).toBe(
        'error: kiro-cli could not be started from /nonexistent/kiro-cli: it does not exist.\n' +
          '  → check the kiro-cli path given by --cli-path, KIRO_X_CLI_PATH or cliPath in .kirorc\n',
      );
    },
  );

  it('a rejected key in text mode: the error first (no session-id noise), saying the key was rejected', async () => {
    const world = makeWorld({KIRO_API_KEY: 'ksk_expired_key_123', KIRO_X_NO_SESSION_ID: undefined});
    const result = await runKiroX(['ask', 'hi'], {world});
    expect(result.code).toBe(5);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      [
        'error: kiro-cli rejected the API key in KIRO_API_KEY (exit 0): it is invalid or expired.',
        '  → create a new API key and put it in KIRO_API_KEY',
        '  → then run `kiro-x doctor`',
        '',
      ].join('\n'),
    );
  });

  it('reports refused tools without changing a completed outcome', async () => {
    const world = makeWorld();
    const result = await runKiroX(['ask', 'run it [[sim:shell=ls]]', '--json'], {world});
    const doc = JSON.parse(result.stdout) as {outcome: string; deniedTools: string[]; warnings: string[]};
    expect(result.code).toBe(0);
    expect(doc.outcome).toBe('completed');
    expect(doc.deniedTools).toEqual(['execute_bash']);
    expect(doc.warnings.some((w) => w.includes('rejected because it matches one or more rules'))).toBe(true);
  });
});
