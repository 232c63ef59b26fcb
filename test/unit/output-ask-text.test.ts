import {describe, expect, test} from 'vitest';

import {formatAskText, formatError, suggestionsFor} from '../../src/lib/output/ask-text.js';
import {OUTCOMES} from '../../src/lib/types.js';
import {sampleAskResult} from '../helpers/validate.js';

describe('formatAskText', () => {
  test('completed: the answer and a newline on stdout, nothing on stderr', () => {
    expect(formatAskText(sampleAskResult())).toEqual({stdout: 'The answer is 42.\n', stderr: ''});
  });

  test('completed with an empty answer still ends its stdout line', () => {
    expect(formatAskText(sampleAskResult({text: ''}))).toEqual({stdout: '\n', stderr: ''});
  });

  test('warnings go to stderr even when the turn completed', () => {
    const result = sampleAskResult({
      warnings: ['WARNING: Agent conflict for x. Using workspace version.', 'second'],
    });
    expect(formatAskText(result)).toEqual({
      stdout: 'The answer is 42.\n',
      stderr: 'warning: WARNING: Agent conflict for x. Using workspace version.\nwarning: second\n',
    });
  });

  test('auth_failed: no stdout, the error and its next step on stderr', () => {
    const result = sampleAskResult({
      ok: false,
      outcome: 'auth_failed',
      message: 'kiro-cli is not logged in.',
      text: '',
      warnings: ['Authentication failed. Your API key may be invalid or expired.'],
    });
    expect(formatAskText(result)).toEqual({
      stdout: '',
      stderr: [
        'warning: Authentication failed. Your API key may be invalid or expired.',
        'error: kiro-cli is not logged in.',
        '  → set KIRO_API_KEY or run `kiro-cli login`, then `kiro-x doctor`',
        '',
      ].join('\n'),
    });
  });

  test('timed_out with partial text: the partial answer is still printed', () => {
    const result = sampleAskResult({
      ok: false,
      outcome: 'timed_out',
      message: 'No answer within 60s.',
      text: 'Half',
    });
    expect(formatAskText(result)).toEqual({
      stdout: 'Half\n',
      stderr: 'error: No answer within 60s.\n  → raise --timeout\n',
    });
  });

  test('failed: the error without suggestions', () => {
    const result = sampleAskResult({ok: false, outcome: 'failed', message: 'kiro-cli exited 1.', text: ''});
    expect(formatAskText(result)).toEqual({stdout: '', stderr: 'error: kiro-cli exited 1.\n'});
  });
});

describe('suggestionsFor', () => {
  test('the whole table', () => {
    expect(Object.fromEntries(OUTCOMES.map((o) => [o, suggestionsFor(o)]))).toEqual({
      completed: [],
      failed: [],
      usage_error: [],
      cancelled: [],
      auth_failed: ['set KIRO_API_KEY or run `kiro-cli login`, then `kiro-x doctor`'],
      cli_not_found: ['install kiro-cli (https://kiro.dev/docs/cli/installation) or pass --cli-path'],
      cli_usage_error: [
        'your kiro-cli is too old for a flag kiro-x passed: upgrade kiro-cli',
        'run `kiro-x doctor`',
      ],
      agent_not_found: ['check the agent name', 'run `kiro-x doctor --agent <name>`'],
      timed_out: ['raise --timeout'],
      stalled: ['raise --stall-timeout (kiro-cli printed nothing for that long)'],
      mcp_startup_failed: [
        "check the agent's MCP servers: each command must start on its own",
        'run `kiro-x doctor`',
      ],
    });
  });

  test('returns a copy callers may change', () => {
    suggestionsFor('timed_out').push('x');
    expect(suggestionsFor('timed_out')).toEqual(['raise --timeout']);
  });

  test('formatError renders the same arrow lines for errors raised elsewhere', () => {
    expect(formatError('no kiro-cli on PATH', suggestionsFor('cli_not_found'))).toBe(
      'error: no kiro-cli on PATH\n  → install kiro-cli (https://kiro.dev/docs/cli/installation) or pass --cli-path\n',
    );
  });
});
