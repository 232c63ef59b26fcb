import {describe, expect, it} from 'vitest';
import {classify} from '../../src/lib/engine/headless/classify.js';
import type {Classification, StderrFacts, TurnEvidence} from '../../src/lib/engine/headless/evidence.js';
import {QUIET_STDERR} from '../helpers/stderr-facts.js';

const TRAILER: Partial<StderrFacts> = {trailer: true, credits: 0.06, kiroTimeMs: 4000};

interface Case {
  exitCode?: number | null;
  signal?: string | null;
  stopReason?: TurnEvidence['stopReason'];
  spawnErrorCode?: string | null;
  stderr?: Partial<StderrFacts>;
  loginPrompt?: boolean;
  stdoutUsageLimit?: string;
  requestedAgent?: string | null;
  apiKeySet?: boolean;
  cliPath?: string;
}

function evidence(c: Case): TurnEvidence {
  return {
    spawnErrorCode: c.spawnErrorCode ?? null,
    exitCode: c.exitCode === undefined ? 0 : c.exitCode,
    signal: c.signal ?? null,
    stopReason: c.stopReason ?? null,
    stderr: {...QUIET_STDERR, ...c.stderr},
    stdout: {loginPrompt: c.loginPrompt ?? false, usageLimit: c.stdoutUsageLimit ?? null},
    requestedAgent: c.requestedAgent ?? null,
    apiKeySet: c.apiKeySet ?? false,
    ...(c.cliPath === undefined ? {} : {cliPath: c.cliPath}),
  };
}

const row = (
  name: string,
  c: Case,
  outcome: Classification['outcome'],
  message: string,
): [string, Case, Classification] => [name, c, {outcome, message}];

const AUTH_LINE = 'Authentication failed. Your API key may be invalid or expired.';
const PROFILE_ARN_NOTE =
  'Kiro is having trouble responding right now: Failed to send the request: An unknown error occurred: profileArn is required but no profiles are available. Please log in and select a profile.';
const PANIC_NOTE =
  "thread 'main' panicked at crates/chat-cli/src/cli/chat/mod.rs:812:17: simulated panic while streaming the response";

describe('classify', () => {
  it.each([
    row(
      'exit 0 with a time-only trailer (subscription without credits): completed, credits unknown',
      {stderr: {trailer: true, kiroTimeMs: 19_000}},
      'completed',
      'The turn completed (kiro time 19s).',
    ),
    row(
      'V2 usage limit: exit 0, no trailer, the reset date',
      {stderr: {usageLimit: 'Monthly request limit reached', limitResets: '10/01'}},
      'usage_limited',
      "kiro-cli's usage limit is reached (Monthly request limit reached); the limits reset on 10/01, so retrying sooner will not help.",
    ),
    row(
      'V3 usage limit: exit 1, the sentence on stdout, the code on stderr',
      {
        exitCode: 1,
        stdoutUsageLimit: "You've reached your monthly usage limit.",
        stderr: {
          usageLimit:
            '[ERROR] [KRS] HTTP 400 body={"__type":"com.amazon.kiro#ServiceQuotaExceededException","reason":"MONTHLY_REQUEST_COUNT"}',
        },
      },
      'usage_limited',
      "kiro-cli's usage limit is reached (You've reached your monthly usage limit); no turn can run until it resets, so retrying sooner will not help.",
    ),
    row(
      'a usage limit with only the code on stderr',
      {
        exitCode: 1,
        stderr: {usageLimit: 'UsageLimitReachedError: limit reached', limitResets: '11/01'},
      },
      'usage_limited',
      "kiro-cli's usage limit is reached (UsageLimitReachedError: limit reached); the limits reset on 11/01, so retrying sooner will not help.",
    ),
    row(
      'a usage limit seen only on stdout',
      {exitCode: 1, stdoutUsageLimit: "You've reached your monthly usage limit."},
      'usage_limited',
      "kiro-cli's usage limit is reached (You've reached your monthly usage limit); no turn can run until it resets, so retrying sooner will not help.",
    ),
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
      'invalid key, exit 0, KIRO_API_KEY set: the key was rejected',
      {apiKeySet: true, stderr: {authFailed: true, explanation: AUTH_LINE}},
      'auth_failed',
      'kiro-cli rejected the API key in KIRO_API_KEY (exit 0): it is invalid or expired.',
    ),
    row(
      'authentication failed under a login (no entitlement): the line is quoted',
      {stderr: {authFailed: true, explanation: AUTH_LINE}},
      'auth_failed',
      'kiro-cli reported an authentication failure (exit 0: Authentication failed. Your API key may be invalid or expired).',
    ),
    row(
      'not logged in, exit 1',
      {
        exitCode: 1,
        stderr: {authFailed: true, explanation: 'Not logged in. Set the KIRO_API_KEY environment variable'},
      },
      'auth_failed',
      'kiro-cli reported an authentication failure (exit 1: Not logged in. Set the KIRO_API_KEY environment variable).',
    ),
    row(
      'an auth failure without a line',
      {exitCode: 1, stderr: {authFailed: true}},
      'auth_failed',
      'kiro-cli reported an authentication failure (exit 1).',
    ),
    row(
      'profileArn is required (IdC not provisioned), whatever the exit code',
      {
        exitCode: 1,
        stderr: {
          authFailed: true,
          backendTrouble: ['Kiro is having trouble responding right now:'],
          explanation: PROFILE_ARN_NOTE,
        },
      },
      'auth_failed',
      "kiro-cli's login cannot run turns (exit 1: profileArn is required but no profiles are available): the IAM Identity Center subscription has no usable profile, although whoami says logged in.",
    ),
    row(
      'profileArn is required with a key set still names the profile',
      {apiKeySet: true, stderr: {authFailed: true, explanation: 'profileArn is required for this request.'}},
      'auth_failed',
      "kiro-cli's login cannot run turns (exit 0: profileArn is required for this request): the IAM Identity Center subscription has no usable profile, although whoami says logged in.",
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
    row(
      'exit 3 quotes the server that failed',
      {exitCode: 3, stderr: {explanation: "error: MCP server 'db' failed to start: command 'pg' not found"}},
      'mcp_startup_failed',
      "kiro-cli exited 3: an MCP server failed to start (MCP server 'db' failed to start: command 'pg' not found).",
    ),
    row('exit 2', {exitCode: 2}, 'cli_usage_error', 'kiro-cli rejected its command line (exit 2).'),
    row(
      'exit 2 quotes clap',
      {exitCode: 2, stderr: {cliUsage: "error: unexpected argument '--effort' found"}},
      'cli_usage_error',
      "kiro-cli rejected its command line (exit 2: unexpected argument '--effort' found).",
    ),
    row(
      'exit 1 with clap text after `chat` (2.4.2+)',
      {
        exitCode: 1,
        stderr: {cliUsage: "error: unexpected argument '--effort' found", explanation: 'other'},
      },
      'cli_usage_error',
      "kiro-cli rejected its command line (exit 1: unexpected argument '--effort' found).",
    ),
    row(
      'exit 1 with only the usage line',
      {exitCode: 1, stderr: {cliUsage: 'Usage: kiro-cli-chat chat [OPTIONS] [INPUT]'}},
      'cli_usage_error',
      'kiro-cli rejected its command line (exit 1: Usage: kiro-cli-chat chat [OPTIONS] [INPUT]).',
    ),
    row(
      'exit 0 with clap text is no usage error',
      {stderr: {...TRAILER, cliUsage: 'Usage: kiro-cli-chat chat [OPTIONS] [INPUT]'}},
      'completed',
      'The turn completed (credits 0.06, kiro time 4s).',
    ),
    row(
      'exit 0 without trailer, backend trouble',
      {
        stderr: {
          backendTrouble: ['Request quota exceeded. Please wait a moment and try again.'],
          warnings: ['WARNING: x'],
          explanation: 'Request quota exceeded. Please wait a moment and try again.',
        },
      },
      'failed',
      'kiro-cli exited 0 without a "▸ Credits:" or "▸ Time:" trailer, so the turn did not run (backend: Request quota exceeded. Please wait a moment and try again).',
    ),
    row(
      'exit 0 without trailer, nothing but noise',
      {stderr: {warnings: ['Failed to retrieve MCP settings; MCP functionality disabled']}},
      'failed',
      'kiro-cli exited 0 without a "▸ Credits:" or "▸ Time:" trailer, so the turn did not run.',
    ),
    row(
      'exit 1 quotes the explanation, not the first warning (a key in it is redacted)',
      {
        exitCode: 1,
        stderr: {
          warnings: [
            'Failed to retrieve MCP settings; MCP functionality disabled',
            "error: Model 'ksk_abcdefgh' does not exist. Available models: auto",
          ],
          explanation: "error: Model 'ksk_abcdefgh' does not exist. Available models: auto",
        },
      },
      'failed',
      "kiro-cli exited 1 (Model 'ksk_***' does not exist. Available models: auto).",
    ),
    row(
      'a long explanation is shortened',
      {exitCode: 1, stderr: {explanation: `error: ${'x'.repeat(300)}`}},
      'failed',
      `kiro-cli exited 1 (${'x'.repeat(199)}…).`,
    ),
    row(
      'a crash quotes the panic',
      {exitCode: 101, stderr: {explanation: PANIC_NOTE}},
      'failed',
      "kiro-cli exited 101 (thread 'main' panicked at crates/chat-cli/src/cli/chat/mod.rs:812:17: simulated panic while streaming the response).",
    ),
    row(
      'a signal quotes the panic too',
      {exitCode: null, signal: 'SIGABRT', stderr: {explanation: PANIC_NOTE}},
      'failed',
      "kiro-cli was killed by SIGABRT (thread 'main' panicked at crates/chat-cli/src/cli/chat/mod.rs:812:17: simulated panic while streaming the response).",
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
      {exitCode: 4, apiKeySet: true, stderr: {authFailed: true}},
      'auth_failed',
      'kiro-cli rejected the API key in KIRO_API_KEY (exit 4): it is invalid or expired.',
    ),
    row(
      'auth beats a trailer',
      {apiKeySet: true, stderr: {...TRAILER, authFailed: true}},
      'auth_failed',
      'kiro-cli rejected the API key in KIRO_API_KEY (exit 0): it is invalid or expired.',
    ),
    row(
      'auth beats a usage limit',
      {apiKeySet: true, stderr: {authFailed: true, usageLimit: 'Monthly request limit reached'}},
      'auth_failed',
      'kiro-cli rejected the API key in KIRO_API_KEY (exit 0): it is invalid or expired.',
    ),
    row(
      'a usage limit beats exit 4, exit 3, clap text and a requested-agent fallback',
      {
        exitCode: 1,
        requestedAgent: 'a',
        stderr: {usageLimit: 'MONTHLY_REQUEST_COUNT', cliUsage: 'Usage: kiro-cli', agentFallbacks: ['a']},
      },
      'usage_limited',
      "kiro-cli's usage limit is reached (MONTHLY_REQUEST_COUNT); no turn can run until it resets, so retrying sooner will not help.",
    ),
    row(
      'a completed turn (exit 0 and trailer) that mentions a limit stays completed',
      {stderr: {...TRAILER, usageLimit: 'You have reached the limit for overages'}},
      'completed',
      'The turn completed (credits 0.06, kiro time 4s).',
    ),
    row(
      'a limit line on stdout of a completed turn is the answer, not a limit',
      {stderr: TRAILER, stdoutUsageLimit: "You've reached your monthly usage limit."},
      'completed',
      'The turn completed (credits 0.06, kiro time 4s).',
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
