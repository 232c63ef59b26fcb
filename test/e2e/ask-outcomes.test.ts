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
    name: 'failed: exit 0 without trailer (backend trouble)',
    args: ['[[sim:backend=quota]]'],
    outcome: 'failed',
    exit: 1,
    message: /Request quota exceeded/,
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
    name: 'cli_usage_error: kiro-cli too old for --effort',
    args: ['hi', '--effort', 'high'],
    env: {KIRO_SIM_VERSION: '2.1.0'},
    outcome: 'cli_usage_error',
    exit: 7,
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

  it('text mode prints the error and its next step on stderr, nothing on stdout', async () => {
    const world = makeWorld({KIRO_API_KEY: 'ksk_expired_key_123'});
    const result = await runKiroX(['ask', 'hi'], {world});
    expect(result.code).toBe(5);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: kiro-cli reported an authentication failure \(exit 0\)/m);
    expect(result.stderr).not.toContain('MCP functionality disabled');
    expect(result.stderr).toContain('  → set KIRO_API_KEY or run `kiro-cli login`, then `kiro-x doctor`');
    expect(result.stderr).not.toContain('ksk_expired_key_123');
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
