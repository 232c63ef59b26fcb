import {describe, expect, it} from 'vitest';

import {checkExpectations} from '../../src/lib/batch/expectations.js';
import {backoffDelay, isTransient} from '../../src/lib/batch/retry-policy.js';
import {parseShard, selectShard} from '../../src/lib/batch/shard.js';
import type {Outcome} from '../../src/lib/outcomes.js';

describe('checkExpectations', () => {
  it('passes and fails each kind with expected-vs-got messages', () => {
    const results = checkExpectations(
      {contains: ['4', 'five'], notContains: ['error'], matches: '^\\d+$', equals: '  42 ', json: true},
      '42',
    );
    expect(results).toEqual([
      {kind: 'contains', passed: true, message: 'contains "4"'},
      {kind: 'contains', passed: false, message: 'expected the answer to contain "five", got "42"'},
      {kind: 'notContains', passed: true, message: 'does not contain "error"'},
      {kind: 'matches', passed: true, message: 'matches /^\\d+$/'},
      {kind: 'equals', passed: true, message: 'equals "42"'},
      {kind: 'json', passed: true, message: 'is JSON'},
    ]);
  });

  it('shortens long answers and names an empty one', () => {
    const [long] = checkExpectations({equals: 'x'}, 'y'.repeat(500));
    expect(long?.message).toBe(`expected the answer to equal "x", got "${'y'.repeat(119)}…"`);
    expect(checkExpectations({json: true}, '')[0]?.message).toBe(
      'expected the answer to be valid JSON, got an empty answer',
    );
    expect(checkExpectations(undefined, 'a')).toEqual([]);
  });
});

describe('retry policy', () => {
  const result = (outcome: Outcome, stderrTail = '') => ({outcome, stderrTail, warnings: []});
  it.each<[Outcome, string, boolean]>([
    ['timed_out', '', true],
    ['stalled', '', true],
    ['failed', 'Kiro is having trouble responding right now: dispatch failure', true],
    ['failed', 'Request quota exceeded. Please wait a moment and try again.', true],
    ['failed', "The model you've selected is temporarily unavailable.", true],
    ['failed', '⚠️  Kiro rate limit reached:\nRequest quota exceeded.', true],
    ['failed', 'ThrottlingException: Rate exceeded', true],
    ['failed', 'Too many requests, please wait before trying again.', true],
    ['failed', 'InsufficientModelCapacity', true],
    ['failed', 'Error: dispatch failure (io error): connection reset', true],
    ['failed', 'error: Model does not exist', false],
    ['usage_limited', 'Monthly request limit reached\nThe limits reset on 10/01.', false],
    ['usage_limited', 'ServiceQuotaExceededException MONTHLY_REQUEST_COUNT', false],
    ['usage_limited', 'rate limit reached before: Monthly request limit reached', false],
    ['auth_failed', 'quota exceeded', false],
    ['usage_error', '', false],
    ['agent_not_found', '', false],
    ['cli_not_found', '', false],
    ['cli_usage_error', '', false],
    ['mcp_startup_failed', '', false],
    ['cancelled', '', false],
  ])('%s with stderr %j is transient: %s', (outcome, stderr, want) => {
    expect(isTransient(result(outcome, stderr))).toBe(want);
  });

  it('backs off exponentially with full jitter, capped', () => {
    const b = {baseMs: 1000, capMs: 60_000};
    expect([1, 2, 3, 7, 8, 20].map((n) => backoffDelay(n, b, () => 0.999999))).toEqual([
      999, 1999, 3999, 59_999, 59_999, 59_999,
    ]);
    expect(backoffDelay(5, b, () => 0)).toBe(0);
  });
});

describe('shards', () => {
  it('parses I/N and rejects the rest', () => {
    expect(parseShard('2/4')).toEqual({index: 2, count: 4});
    for (const bad of ['0/4', '5/4', '1/0', 'a/b', '2']) expect(() => parseShard(bad)).toThrow('--shard');
  });

  it('slices deterministically: union is everything, no overlap, balanced', () => {
    const items = Array.from({length: 10}, (_, i) => i);
    const shards = [1, 2, 3].map((index) => selectShard(items, {index, count: 3}));
    expect(shards).toEqual([
      [0, 3, 6, 9],
      [1, 4, 7],
      [2, 5, 8],
    ]);
    expect(selectShard(items, undefined)).toEqual(items);
  });
});
