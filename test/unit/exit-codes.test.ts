import {describe, expect, test} from 'vitest';

import Ask from '../../src/commands/ask.js';
import Batch from '../../src/commands/batch/index.js';
import BatchReport from '../../src/commands/batch/report.js';
import {EXIT_CODES, exitCodeFor} from '../../src/lib/exit-codes.js';
import {OUTCOMES} from '../../src/lib/outcomes.js';

describe('exit codes', () => {
  test('the table is exactly this', () => {
    expect(EXIT_CODES).toEqual({
      completed: 0,
      failed: 1,
      usage_error: 2,
      mcp_startup_failed: 3,
      agent_not_found: 4,
      auth_failed: 5,
      cli_not_found: 6,
      cli_usage_error: 7,
      timed_out: 8,
      stalled: 9,
      usage_limited: 10,
      refused: 11,
      max_tokens: 12,
      max_turn_requests: 13,
      permission_denied: 14,
      resume_failed: 15,
      cancelled: 130,
    });
  });

  test('covers every outcome, each with its own code', () => {
    expect(Object.keys(EXIT_CODES).sort()).toEqual([...OUTCOMES].sort());
    expect(new Set(Object.values(EXIT_CODES)).size).toBe(OUTCOMES.length);
  });

  test.each(OUTCOMES.map((o) => [o, EXIT_CODES[o]] as const))('exitCodeFor(%s) → %d', (outcome, code) => {
    expect(exitCodeFor(outcome)).toBe(code);
    expect(exitCodeFor(outcome, null)).toBe(code);
  });

  test('a cancel by SIGTERM exits 143, by SIGINT 130', () => {
    expect(exitCodeFor('cancelled', 'SIGTERM')).toBe(143);
    expect(exitCodeFor('cancelled', 'SIGINT')).toBe(130);
  });

  test('the cancel signal only matters for cancelled', () => {
    expect(exitCodeFor('timed_out', 'SIGTERM')).toBe(8);
    expect(exitCodeFor('failed', 'SIGINT')).toBe(1);
  });

  test('ask --help names every exit code of the table', () => {
    const help = (Ask.description ?? '').replace(/\s+/g, ' ');
    for (const code of Object.values(EXIT_CODES)) expect(help).toMatch(new RegExp(`[ ,]${code}[ /]`));
    expect(help).toContain('10 usage limit reached');
    expect(help).toContain('130/143 cancelled');
  });

  test('batch --help and batch report --help name the usage-limit stop', () => {
    expect((Batch.description ?? '').replace(/\s+/g, ' ')).toContain("10 stopped by kiro-cli's usage limit");
    expect((BatchReport.description ?? '').replace(/\s+/g, ' ')).toContain(
      "10 an item met kiro-cli's usage limit",
    );
  });
});
