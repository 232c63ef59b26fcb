import path from 'node:path';

import {describe, expect, it} from 'vitest';

import {validateJunit} from '../helpers/validate.js';
import {makeWorld, runKiroX} from './harness.js';
import {batchFile, ledger, peakOverlap, statuses, summaryOf} from './batch-helpers.js';

const lines = (n: number, f: (i: number) => string): string =>
  Array.from({length: n}, (_, i) => f(i + 1)).join('\n') + '\n';

describe('kiro-x batch: scheduling', () => {
  it('runs -j turns at once and never more', async () => {
    const world = makeWorld();
    batchFile(
      world,
      'c.txt',
      lines(6, (i) => `[[sim:sleep=400]] item ${i}`),
    );
    const run = await runKiroX(['batch', 'c.txt', '-j', '3', '--json'], {world});
    expect(run.code).toBe(0);
    expect(summaryOf(run.stdout).totals.passed).toBe(6);
    expect(peakOverlap(world)).toBe(3);
  });

  it('retries transient failures with backoff and records every attempt', async () => {
    const world = makeWorld({KIRO_X_RETRY_BASE_MS: '20'});
    batchFile(
      world,
      'r.jsonl',
      '{"id":"flaky","prompt":"[[sim:flaky=2]] hi"}\n{"id":"auth","prompt":"[[sim:error=x]] no"}\n',
    );
    const run = await runKiroX(['batch', 'r.jsonl', '--retries', '3', '--json'], {world});
    expect(run.code).toBe(1);
    const summary = summaryOf(run.stdout);
    expect(summary.suites[0]?.items.map((i) => [i.id, i.status, i.attempts])).toEqual([
      ['flaky', 'passed', 3],
      ['auth', 'error', 1],
    ]);
    const attempts = ledger(path.join(world.workspace, 'kiro-x-results.jsonl')).flatMap((r) =>
      r.recordType === 'attempt' && r.id === 'flaky' ? [[r.attempt, r.outcome, r.willRetry]] : [],
    );
    expect(attempts).toEqual([
      [1, 'failed', true],
      [2, 'failed', true],
      [3, 'completed', false],
    ]);
  });

  it('--fail-fast stops scheduling after the first failure; the rest are skipped with the reason', async () => {
    const world = makeWorld();
    batchFile(world, 'f.txt', '[[sim:error=boom]] one\ntwo\nthree\n');
    const run = await runKiroX(['batch', 'f.txt', '-j', '1', '--fail-fast', '--json'], {world});
    expect(run.code).toBe(1);
    const summary = summaryOf(run.stdout);
    expect(statuses(summary)).toEqual([
      ['1', 'error', 'failed'],
      ['2', 'skipped', null],
      ['3', 'skipped', null],
    ]);
    expect(summary.suites[0]?.items[1]?.skipReason).toBe('--fail-fast: item 1 did not pass (failed)');
  });

  it('--max-credits stops scheduling once the reported credits reach the limit', async () => {
    const world = makeWorld();
    batchFile(
      world,
      'm.txt',
      lines(4, (i) => `[[sim:credits=0.5]] item ${i}`),
    );
    const run = await runKiroX(['batch', 'm.txt', '-j', '1', '--max-credits', '1', '-o', 'junit'], {world});
    // Skips for a budget are not failures: every item that ran passed.
    expect(run.code).toBe(0);
    expect(await validateJunit(run.stdout)).toEqual({valid: true, errors: []});
    expect(run.stdout).toContain('<skipped message="--max-credits 1 reached (1 credit)"/>');
    expect(run.stdout.match(/<skipped /g)?.length).toBe(2);
  });

  it('--shard slices are disjoint and together cover every item; batch report merges their ledgers', async () => {
    const world = makeWorld();
    batchFile(
      world,
      's.txt',
      lines(7, (i) => `item ${i}`),
    );
    const ran: string[][] = [];
    for (const shard of ['1/3', '2/3', '3/3']) {
      const n = shard[0];
      const run = await runKiroX(
        ['batch', 's.txt', '--shard', shard, '--results', `out/${n}.jsonl`, '--json'],
        {world},
      );
      expect(run.code).toBe(0);
      ran.push(statuses(summaryOf(run.stdout)).map(([id]) => id));
    }
    expect(ran).toEqual([
      ['1', '4', '7'],
      ['2', '5'],
      ['3', '6'],
    ]);
    const report = await runKiroX(
      ['batch', 'report', 'out/1.jsonl', 'out/2.jsonl', 'out/3.jsonl', '--json'],
      {world},
    );
    expect(report.code).toBe(0);
    const merged = summaryOf(report.stdout);
    expect(merged.suites.map((s) => s.file)).toEqual(['../s.txt']);
    expect(merged.totals).toMatchObject({items: 7, passed: 7, attempts: 7, credits: 0.42});
    expect(merged.runIds.length).toBe(3);
    const junit = await runKiroX(
      ['batch', 'report', 'out/1.jsonl', 'out/2.jsonl', 'out/3.jsonl', '-o', 'junit'],
      {world},
    );
    expect(await validateJunit(junit.stdout)).toEqual({valid: true, errors: []});
    expect(junit.stdout.match(/<testcase /g)?.length).toBe(7);
  });
});
