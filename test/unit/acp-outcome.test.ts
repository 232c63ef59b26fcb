import {describe, expect, it} from 'vitest';
import {classifyAcp, NOTHING_FOUND, type AcpTurnEvidence} from '../../src/lib/engine/acp/outcome.js';
import {ACP_OUTCOMES} from '../../src/lib/engine/acp/outcomes-acp.js';
import {OUTCOMES} from '../../src/lib/outcomes.js';
import {EXIT_CODES} from '../../src/lib/exit-codes.js';
import {QUIET_STDERR} from '../helpers/stderr-facts.js';

function evidence(extra: Partial<AcpTurnEvidence>): AcpTurnEvidence {
  return {
    ...NOTHING_FOUND,
    exit: null,
    stderr: QUIET_STDERR,
    apiKeySet: true,
    ...extra,
  };
}

const rpc = (text: string, code = -32603) => ({rpcError: {method: 'session/prompt', code, text}});

describe('classifyAcp', () => {
  const cases: Array<[string, Partial<AcpTurnEvidence>, string, RegExp]> = [
    ['end_turn', {stopReason: 'end_turn'}, 'completed', /^The turn completed\.$/],
    ['refusal', {stopReason: 'refusal'}, 'refused', /refusal/],
    ['max_tokens', {stopReason: 'max_tokens'}, 'max_tokens', /max_tokens/],
    ['max_turn_requests', {stopReason: 'max_turn_requests'}, 'max_turn_requests', /max_turn_requests/],
    ['cancelled by kiro-cli', {stopReason: 'cancelled'}, 'cancelled', /kiro-cli cancelled/],
    ['an unknown stop reason', {stopReason: 'later'}, 'failed', /unknown stop reason "later"/],
    ['cancelled for a timeout', {stopReason: 'cancelled', cancelledBy: 'timeout'}, 'timed_out', /time limit/],
    ['cancelled for a stall', {stopReason: 'cancelled', cancelledBy: 'stall'}, 'stalled', /stall limit/],
    ['cancelled by SIGINT, unanswered', {cancelledBy: 'SIGINT'}, 'cancelled', /SIGINT/],
    ['cancelled by SIGTERM', {stopReason: 'cancelled', cancelledBy: 'SIGTERM'}, 'cancelled', /SIGTERM/],
    [
      'a fail-mode denial, whatever kiro-cli answered',
      {stopReason: 'cancelled', permissionFailure: {tool: 'shell', title: 'rm -rf build'}},
      'permission_denied',
      /denied the shell tool \(rm -rf build\)/,
    ],
    [
      'a usage limit answered as an error',
      rpc('Monthly request limit reached\nThe limits reset on 10/01.'),
      'usage_limited',
      /usage limit is reached \(Monthly request limit reached\); the limits reset on 10\/01/,
    ],
    [
      'a V3 usage limit',
      rpc("You've reached your monthly usage limit."),
      'usage_limited',
      /no turn can run until it resets/,
    ],
    [
      'a rate limit: failed, marked as backend trouble',
      rpc('Request quota exceeded. Please wait a moment and try again.'),
      'failed',
      /answered session\/prompt with error -32603 \(backend: Request quota exceeded/,
    ],
    ['another error', rpc('boom', -32000), 'failed', /error -32000 \(boom\)/],
    [
      'a refused API key',
      rpc('Authentication failed. Your API key may be invalid or expired.'),
      'auth_failed',
      /KIRO_API_KEY is invalid or expired/,
    ],
    [
      'not logged in: stderr and no frame',
      {
        unanswered: {method: 'initialize', timeoutMs: null},
        exit: {exitCode: 1, signal: null},
        stderr: {
          ...QUIET_STDERR,
          explanation: 'error: You are not logged in, please log in with kiro-cli login',
        },
      },
      'auth_failed',
      /no usable credential \(You are not logged in/,
    ],
    ['an unknown agent', {agentMissing: 'rev', stopReason: null}, 'agent_not_found', /no agent named "rev"/],
    [
      'a missing agent refused with exit 4',
      {unanswered: {method: 'initialize', timeoutMs: null}, exit: {exitCode: 4, signal: null}},
      'agent_not_found',
      /requested agent/,
    ],
    [
      'a clap error',
      {
        unanswered: {method: 'initialize', timeoutMs: null},
        exit: {exitCode: 2, signal: null},
        stderr: {...QUIET_STDERR, cliUsage: "error: unexpected argument '--agent-engine' found"},
      },
      'cli_usage_error',
      /rejected its command line \(unexpected argument '--agent-engine' found\)/,
    ],
    [
      'an exit without an answer, quoting stderr',
      {
        unanswered: {method: 'session/prompt', timeoutMs: null},
        exit: {exitCode: 101, signal: null},
        stderr: {...QUIET_STDERR, explanation: "thread 'main' panicked at x.rs:1:1:"},
      },
      'failed',
      /^kiro-cli exited 101 without answering session\/prompt \(thread 'main' panicked at x\.rs:1:1\)\.$/,
    ],
    [
      'killed by a signal',
      {unanswered: {method: 'session/prompt', timeoutMs: null}, exit: {exitCode: null, signal: 'SIGSEGV'}},
      'failed',
      /was killed by SIGSEGV without answering session\/prompt/,
    ],
    [
      'stdout ended, exit unknown',
      {unanswered: {method: 'session/prompt', timeoutMs: null}},
      'failed',
      /ended without answering session\/prompt/,
    ],
    [
      'no answer within a bound',
      {unanswered: {method: 'initialize', timeoutMs: 500}},
      'failed',
      /did not answer initialize within 500 ms/,
    ],
    [
      'a failed load',
      {resumeFailure: 'kiro-cli could not load session x: gone', stopReason: null},
      'resume_failed',
      /could not load session x/,
    ],
  ];
  it.each(cases)('%s', (_name, extra, outcome, message) => {
    const verdict = classifyAcp(evidence(extra));
    expect(verdict.outcome).toBe(outcome);
    expect(verdict.message).toMatch(message);
  });

  it('redacts a key that an error quotes', () => {
    const verdict = classifyAcp(evidence(rpc('bad key ksk_abcdef123456')));
    expect(verdict.message).toContain('ksk_***');
    expect(verdict.message).not.toContain('abcdef123456');
  });
});

describe('ACP outcomes', () => {
  it('are in the central table, with exit codes 11 to 15 that clash with no other outcome', () => {
    expect([...ACP_OUTCOMES]).toEqual([
      'refused',
      'max_tokens',
      'max_turn_requests',
      'permission_denied',
      'resume_failed',
    ]);
    expect(ACP_OUTCOMES.map((outcome) => EXIT_CODES[outcome])).toEqual([11, 12, 13, 14, 15]);
    for (const outcome of ACP_OUTCOMES) expect(OUTCOMES).toContain(outcome);
    const codes = Object.values(EXIT_CODES);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
