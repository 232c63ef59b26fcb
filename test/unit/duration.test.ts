import {describe, expect, it} from 'vitest';

import {formatDuration, MAX_DURATION_MS, parseDuration} from '../../src/lib/duration.js';
import {UsageError} from '../../src/lib/errors.js';

const HINT = '(use seconds like 90, or 500ms, 30s, 5m, 1h30m)';

describe('parseDuration', () => {
  it.each<[string | number, number]>([
    [90, 90_000],
    [0, 0],
    [1.5, 1500],
    ['90', 90_000],
    [' 90 ', 90_000],
    ['0', 0],
    ['2.5', 2500],
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['2m30s', 150_000],
    ['1h 5m 10s', 3_910_000],
    ['1m 30.5s', 90_500],
    ['1.5h', 5_400_000],
    ['0s', 0],
    ['1s250ms', 1250],
  ])('%j → %d ms', (input, expected) => {
    expect(parseDuration(input, '--timeout')).toBe(expected);
  });

  it.each<[string | number, string]>([
    ['abc', `--timeout: invalid duration "abc" ${HINT}`],
    ['', `--timeout: invalid duration "" ${HINT}`],
    ['-5', `--timeout: invalid duration "-5" ${HINT}`],
    ['5 minutes', `--timeout: invalid duration "5 minutes" ${HINT}`],
    ['5d', `--timeout: invalid duration "5d" ${HINT}`],
    ['m', `--timeout: invalid duration "m" ${HINT}`],
    ['1h-5m', `--timeout: invalid duration "1h-5m" ${HINT}`],
    [-1, `--timeout: invalid duration "-1" ${HINT}`],
    [Number.NaN, `--timeout: invalid duration "NaN" ${HINT}`],
    [Number.POSITIVE_INFINITY, `--timeout: invalid duration "Infinity" ${HINT}`],
    ['600h', '--timeout: duration "600h" is too long (maximum 596h 31m 23.647s)'],
  ])('%j is rejected', (input, message) => {
    expect(() => parseDuration(input, '--timeout')).toThrow(new UsageError(message));
  });

  it('accepts the longest delay a Node timer honours and nothing longer', () => {
    expect(parseDuration(`${MAX_DURATION_MS}ms`, 'x')).toBe(MAX_DURATION_MS);
    expect(() => parseDuration(`${MAX_DURATION_MS + 1}ms`, 'x')).toThrow(UsageError);
  });
});

describe('formatDuration', () => {
  it.each<[number, string]>([
    [0, '0ms'],
    [250, '250ms'],
    [999.6, '1s'],
    [1000, '1s'],
    [1500, '1.5s'],
    [90_000, '1m 30s'],
    [300_000, '5m'],
    [3_600_000, '1h'],
    [3_605_000, '1h 5s'],
    [5_400_000, '1h 30m'],
    [-2000, '-2s'],
  ])('%d ms → %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });

  it.each([250, 1500, 90_000, 3_605_000, 5_400_000, 86_399_999])(
    'round-trips %d ms through parseDuration',
    (ms) => {
      expect(parseDuration(formatDuration(ms), 'x')).toBe(ms);
    },
  );
});
