import {describe, expect, test} from 'vitest';

import {Chalk} from 'chalk';
import {formatAskText, formatError, formatWarning, suggestionsFor} from '../../src/lib/output/ask-text.js';
import {OUTCOMES} from '../../src/lib/outcomes.js';
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
      stderr: 'warning: Agent conflict for x. Using workspace version.\nwarning: second\n',
    });
  });

  test.each([
    ['WARNING: Agent conflict for x.', 'warning: Agent conflict for x.'],
    ['Warning: low disk', 'warning: low disk'],
    [
      '⚠️  Kiro rate limit reached: Request quota exceeded.',
      'warning: Kiro rate limit reached: Request quota exceeded.',
    ],
    ['error: Tool approval required', 'error: Tool approval required'],
    ['Error: no agent with name a found. Falling back', 'error: no agent with name a found. Falling back'],
    ['[ERROR] [KRS] HTTP 400 body={}', 'error: [KRS] HTTP 400 body={}'],
    ['Failed to retrieve MCP settings', 'warning: Failed to retrieve MCP settings'],
  ])('kiro-cli line %j is shown as %j: one label, its severity kept', (line, shown) => {
    expect(formatWarning(line)).toBe(shown);
  });

  test('labels are coloured only when the paint has colour', () => {
    const colours = new Chalk({level: 1});
    expect(formatWarning('WARNING: w', colours)).toBe('\u001b[33mwarning:\u001b[39m w');
    expect(formatWarning('error: e', colours)).toBe('\u001b[31m\u001b[1merror:\u001b[22m\u001b[39m e');
    expect(formatError('m', ['s'], colours)).toBe('\u001b[31m\u001b[1merror:\u001b[22m\u001b[39m m\n  → s\n');
    expect(formatError('m', [], new Chalk({level: 0}))).toBe('error: m\n');
  });

  test('a failed turn: the quoted line and the session-id "unknown" are not repeated as warnings', () => {
    const result = sampleAskResult({
      ok: false,
      outcome: 'failed',
      message: "kiro-cli exited 1 (Model 'gpt-9' does not exist. Available models: auto).",
      text: '',
      warnings: [
        "error: Model 'gpt-9' does not exist. Available models: auto",
        'session id unknown: kiro-cli listed no new session for this directory.',
        'WARNING: Agent conflict for x.',
      ],
    });
    expect(formatAskText(result).stderr).toBe(
      "warning: Agent conflict for x.\nerror: kiro-cli exited 1 (Model 'gpt-9' does not exist. Available models: auto).\n",
    );
  });

  test('a completed turn keeps the session-id warning', () => {
    const result = sampleAskResult({warnings: ['session id unknown: 2 new sessions appeared.']});
    expect(formatAskText(result).stderr).toBe('warning: session id unknown: 2 new sessions appeared.\n');
  });

  test('a rejected key: the error comes first and does not tell to set the key that is set', () => {
    const result = sampleAskResult({
      ok: false,
      outcome: 'auth_failed',
      message: 'kiro-cli rejected the API key in KIRO_API_KEY (exit 0): it is invalid or expired.',
      text: '',
      warnings: ['session id unknown: kiro-cli listed no new session for this directory.'],
    });
    expect(formatAskText(result, {apiKeySet: true}).stderr).toBe(
      [
        'error: kiro-cli rejected the API key in KIRO_API_KEY (exit 0): it is invalid or expired.',
        '  → create a new API key and put it in KIRO_API_KEY',
        '  → then run `kiro-x doctor`',
        '',
      ].join('\n'),
    );
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
      usage_limited: [
        "wait for the reset, or raise the account's limit (plan or overages) in the Kiro account",
      ],
      mcp_startup_failed: [
        "check the agent's MCP servers: each command must start on its own",
        'run `kiro-x doctor`',
      ],
      refused: ['the model declined the request: rephrase the prompt'],
      max_tokens: ["the answer reached the model's output limit: ask for less at once"],
      max_turn_requests: ['the turn reached its limit of model requests: split the task'],
      permission_denied: [
        'trust the tool with --trust-tools, or choose another --permission-mode (deny, ask)',
      ],
      resume_failed: [
        'list the ids with `kiro-x sessions list`',
        'or start a new conversation without --resume-id',
      ],
    });
  });

  test('auth_failed with KIRO_API_KEY set: make a new key', () => {
    expect(suggestionsFor('auth_failed', {apiKeySet: true})).toEqual([
      'create a new API key and put it in KIRO_API_KEY',
      'then run `kiro-x doctor`',
    ]);
    expect(suggestionsFor('auth_failed', {apiKeySet: false})).toEqual(suggestionsFor('auth_failed'));
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
