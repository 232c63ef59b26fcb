import {describe, expect, it} from 'vitest';
import {classify} from '../../src/lib/engine/classify.js';
import type {Classification, StderrFacts, TurnEvidence} from '../../src/lib/types.js';

const QUIET: StderrFacts = {
  credits: null,
  kiroTimeMs: null,
  trailer: false,
  authFailed: false,
  agentFallbacks: [],
  deniedTools: [],
  backendTrouble: [],
  warnings: [],
};
const TRAILER: Partial<StderrFacts> = {trailer: true, credits: 0.06, kiroTimeMs: 4000};

interface Case {
  exitCode?: number | null;
  signal?: string | null;
  stopReason?: TurnEvidence['stopReason'];
  spawnErrorCode?: string | null;
  stderr?: Partial<StderrFacts>;
  loginPrompt?: boolean;
  requestedAgent?: string | null;
  cliPath?: string;
}

function evidence(c: Case): TurnEvidence {
  return {
    spawnErrorCode: c.spawnErrorCode ?? null,
    exitCode: c.exitCode === undefined ? 0 : c.exitCode,
    signal: c.signal ?? null,
    stopReason: c.stopReason ?? null,
    stderr: {...QUIET, ...c.stderr},
    stdout: {loginPrompt: c.loginPrompt ?? false},
    requestedAgent: c.requestedAgent ?? null,
    ...(c.cliPath === undefined ? {} : {cliPath: c.cliPath}),
  };
}

const row = (
  name: string,
  c: Case,
  outcome: Classification['outcome'],
  message: string,
): [string, Case, Classification] => [name, c, {outcome, message}];

describe('classify', () => {
  it.each([
    row(
      'exit 0 with trailer',
      {stderr: TRAILER},
      'completed',
      'The turn completed (credits 0.06, kiro time 4s).',
    ),
    row(
      'denied tools do not change completed',
      {stderr: {...TRAILER, deniedTools: ['execute_bash']}},
      'completed',
      'The turn completed (credits 0.06, kiro time 4s); refused tools: execute_bash.',
    ),
    row('trailer with unreadable numbers', {stderr: {trailer: true}}, 'completed', 'The turn completed.'),
    row(
      'cancelled by SIGINT',
      {stopReason: 'SIGINT', exitCode: null, signal: 'SIGTERM'},
      'cancelled',
      'The turn was cancelled by SIGINT and kiro-cli was stopped.',
    ),
    row(
      'cancelled by SIGTERM',
      {stopReason: 'SIGTERM'},
      'cancelled',
      'The turn was cancelled by SIGTERM and kiro-cli was stopped.',
    ),
    row(
      'timeout',
      {stopReason: 'timeout', exitCode: null, signal: 'SIGKILL'},
      'timed_out',
      'The turn exceeded its time limit and kiro-cli was stopped.',
    ),
    row(
      'stall',
      {stopReason: 'stall', exitCode: null, signal: 'SIGTERM'},
      'stalled',
      'kiro-cli printed nothing for longer than the stall limit and was stopped.',
    ),
    row(
      'login prompt stop',
      {stopReason: 'login-prompt', exitCode: null, signal: 'SIGTERM', loginPrompt: true},
      'auth_failed',
      'kiro-cli started a browser login that cannot finish headless, so it was stopped.',
    ),
    row(
      'ENOENT on PATH',
      {spawnErrorCode: 'ENOENT', exitCode: null},
      'cli_not_found',
      'kiro-cli could not be started: no "kiro-cli" was found on PATH.',
    ),
    row(
      'ENOENT at a given path',
      {spawnErrorCode: 'ENOENT', exitCode: null, cliPath: '/opt/kiro/bin/kiro-cli'},
      'cli_not_found',
      'kiro-cli could not be started from /opt/kiro/bin/kiro-cli: it does not exist.',
    ),
    row(
      'EACCES at a given path',
      {spawnErrorCode: 'EACCES', exitCode: null, cliPath: './kiro-cli'},
      'cli_not_found',
      'kiro-cli could not be started from ./kiro-cli: it is not an executable file.',
    ),
    row(
      'EACCES on PATH',
      {spawnErrorCode: 'EACCES', exitCode: null, cliPath: 'kiro'},
      'cli_not_found',
      'kiro-cli could not be started: "kiro" on PATH is not executable.',
    ),
    row(
      'ENOTDIR at a given path',
      {spawnErrorCode: 'ENOTDIR', exitCode: null, cliPath: '/etc/passwd/kiro-cli'},
      'cli_not_found',
      'kiro-cli could not be started from /etc/passwd/kiro-cli: /etc/passwd is not a directory.',
    ),
    row('exit 127', {exitCode: 127}, 'cli_not_found', 'kiro-cli exited 127: the binary was not found.'),
    row(
      'other spawn error',
      {spawnErrorCode: 'EMFILE', exitCode: null},
      'failed',
      'kiro-cli could not be started: too many files are open.',
    ),
    row(
      'invalid key, exit 0',
      {stderr: {authFailed: true}},
      'auth_failed',
      'kiro-cli reported an authentication failure (exit 0): the API key is invalid or expired, or there is no login.',
    ),
    row(
      'not logged in, exit 1',
      {exitCode: 1, stderr: {authFailed: true}},
      'auth_failed',
      'kiro-cli reported an authentication failure (exit 1): the API key is invalid or expired, or there is no login.',
    ),
    row(
      'login prompt seen',
      {exitCode: 1, loginPrompt: true},
      'auth_failed',
      'kiro-cli asked for a browser login: no usable credential was found.',
    ),
    row(
      'exit 4',
      {exitCode: 4, requestedAgent: 'reviewer'},
      'agent_not_found',
      'kiro-cli exited 4: the "reviewer" agent is unavailable.',
    ),
    row(
      'exit 4 without an agent',
      {exitCode: 4},
      'agent_not_found',
      'kiro-cli exited 4: the requested agent is unavailable.',
    ),
    row(
      'fallback for the requested agent',
      {requestedAgent: 'kx-1', stderr: {agentFallbacks: ['kx-1']}},
      'agent_not_found',
      'kiro-cli found no agent named "kx-1" and fell back to its default, so the requested restrictions were not applied.',
    ),
    row(
      'fallback for another agent does not matter',
      {requestedAgent: 'kx-1', stderr: {...TRAILER, agentFallbacks: ['other']}},
      'completed',
      'The turn completed (credits 0.06, kiro time 4s).',
    ),
    row('exit 3', {exitCode: 3}, 'mcp_startup_failed', 'kiro-cli exited 3: an MCP server failed to start.'),
    row('exit 2', {exitCode: 2}, 'cli_usage_error', 'kiro-cli exited 2: it rejected its command line.'),
    row(
      'exit 0 without trailer, backend trouble',
      {
        stderr: {
          backendTrouble: ['Request quota exceeded. Please wait a moment and try again.'],
          warnings: ['WARNING: x'],
        },
      },
      'failed',
      'kiro-cli exited 0 but printed no "▸ Credits:" trailer, so the turn did not run (backend: Request quota exceeded. Please wait a moment and try again).',
    ),
    row(
      'exit 0 without trailer, a warning',
      {stderr: {warnings: ['Failed to retrieve MCP settings; MCP functionality disabled']}},
      'failed',
      'kiro-cli exited 0 but printed no "▸ Credits:" trailer, so the turn did not run (Failed to retrieve MCP settings; MCP functionality disabled).',
    ),
    row(
      'exit 0 without trailer, silent',
      {},
      'failed',
      'kiro-cli exited 0 but printed no "▸ Credits:" trailer, so the turn did not run.',
    ),
    row(
      'exit 1 with an error line (a key in it is redacted)',
      {
        exitCode: 1,
        stderr: {warnings: ["error: Model 'ksk_abcdefgh' does not exist. Available models: auto"]},
      },
      'failed',
      "kiro-cli exited 1 (error: Model 'ksk_***' does not exist. Available models: auto).",
    ),
    row(
      'a long error line is shortened',
      {exitCode: 1, stderr: {warnings: [`error: ${'x'.repeat(300)}`]}},
      'failed',
      `kiro-cli exited 1 (error: ${'x'.repeat(112)}…).`,
    ),
    row('exit 143 from a wrapper', {exitCode: 143}, 'failed', 'kiro-cli exited 143 (SIGTERM).'),
    row('exit 1 with trailer', {exitCode: 1, stderr: TRAILER}, 'failed', 'kiro-cli exited 1.'),
    row(
      'killed by a signal we did not send',
      {exitCode: null, signal: 'SIGSEGV', stderr: TRAILER},
      'failed',
      'kiro-cli was killed by SIGSEGV.',
    ),
    row(
      'no exit code, no signal',
      {exitCode: null},
      'failed',
      'kiro-cli ended without an exit code or a signal.',
    ),
  ])('%s', (_name, c, expected) => {
    expect(classify(evidence(c))).toEqual(expected);
  });

  it.each([
    row(
      'requested agent fallback beats a completed turn',
      {requestedAgent: 'kx-1', stderr: {...TRAILER, agentFallbacks: ['kx-1']}},
      'agent_not_found',
      'kiro-cli found no agent named "kx-1" and fell back to its default, so the requested restrictions were not applied.',
    ),
    row(
      'timeout beats exit 0 with trailer',
      {stopReason: 'timeout', stderr: TRAILER},
      'timed_out',
      'The turn exceeded its time limit and kiro-cli was stopped.',
    ),
    row(
      'cancel beats a missing binary',
      {stopReason: 'SIGINT', spawnErrorCode: 'ENOENT'},
      'cancelled',
      'The turn was cancelled by SIGINT and kiro-cli was stopped.',
    ),
    row(
      'a missing binary beats auth',
      {exitCode: 127, stderr: {authFailed: true}},
      'cli_not_found',
      'kiro-cli exited 127: the binary was not found.',
    ),
    row(
      'auth beats exit 4',
      {exitCode: 4, stderr: {authFailed: true}},
      'auth_failed',
      'kiro-cli reported an authentication failure (exit 4): the API key is invalid or expired, or there is no login.',
    ),
    row(
      'auth beats a trailer',
      {stderr: {...TRAILER, authFailed: true}},
      'auth_failed',
      'kiro-cli reported an authentication failure (exit 0): the API key is invalid or expired, or there is no login.',
    ),
    row(
      'exit 4 beats exit-code reading of 3/2',
      {exitCode: 4, stderr: TRAILER},
      'agent_not_found',
      'kiro-cli exited 4: the requested agent is unavailable.',
    ),
    row(
      'agent fallback beats exit 3',
      {exitCode: 3, requestedAgent: 'a b', stderr: {agentFallbacks: ['a b']}},
      'agent_not_found',
      'kiro-cli found no agent named "a b" and fell back to its default, so the requested restrictions were not applied.',
    ),
  ])('precedence: %s', (_name, c, expected) => {
    expect(classify(evidence(c))).toEqual(expected);
  });
});
