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

  it('a usage limit stops scheduling without --fail-fast: running items finish unretried, the rest are skipped, exit 10', async () => {
    const world = makeWorld({KIRO_X_RETRY_BASE_MS: '20'});
    batchFile(
      world,
      'u.txt',
      '[[sim:sleep=3500]] slow\n[[sim:sleep=2500]][[sim:flaky=5]] flaky\n[[sim:usage-limit]] three\nfour\nfive\n',
    );
    const run = await runKiroX(['batch', 'u.txt', '-j', '3', '--retries', '2', '--json'], {world});
    expect(run.code).toBe(10);
    const summary = summaryOf(run.stdout);
    expect(statuses(summary)).toEqual([
      ['1', 'passed', 'completed'],
      ['2', 'error', 'failed'],
      ['3', 'error', 'usage_limited'],
      ['4', 'skipped', null],
      ['5', 'skipped', null],
    ]);
    const [, flaky, limited, skipped] = summary.suites[0]?.items ?? [];
    // A transient failure after the limit is not retried: the retry would meet the same limit.
    expect([flaky?.attempts, limited?.attempts]).toEqual([1, 1]);
    expect(limited?.message).toBe(
      "kiro-cli's usage limit is reached (Monthly request limit reached); the limits reset on 10/01, so retrying sooner will not help.",
    );
    expect(skipped).toMatchObject({
      skipReason: "kiro-cli's usage limit was reached (item 3)",
      causedByFailure: true,
    });
    const records = ledger(path.join(world.workspace, 'kiro-x-results.jsonl'));
    expect(records.map((r) => [r.id, r.recordType])).toEqual([
      ['3', 'attempt'],
      ['2', 'attempt'],
      ['1', 'attempt'],
      ['4', 'skip'],
      ['5', 'skip'],
    ]);
    const text = await runKiroX(['batch', 'report', 'kiro-x-results.jsonl'], {world});
    expect(text.code).toBe(10);
    expect(text.stdout).toMatch(/; stopped: kiro-cli's usage limit was reached\n$/);
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
