import {appendFileSync, existsSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';

import {describe, expect, it} from 'vitest';

import type {ChildProcess} from 'node:child_process';

import type {LedgerRecord} from '../../src/lib/batch/types.js';
import {alive, makeWorld, records, runKiroX, waitFor} from './harness.js';
import {batchFile, ledger, summaryOf} from './batch-helpers.js';

const chatTurns = (world: ReturnType<typeof makeWorld>) =>
  records(world).filter((r) => (r.argv as string[]).includes('chat'));

describe('kiro-x batch: interruptions', () => {
  it('SIGINT: running turns end cancelled, the rest skipped, summary written, exit 130, nothing left', async () => {
    const world = makeWorld();
    batchFile(world, 'i.txt', '[[sim:sleep=20000]] a\n[[sim:sleep=20000]] b\nc\nd\n');
    let child: ChildProcess | undefined;
    const running = runKiroX(['batch', 'i.txt', '-j', '2', '--system-prompt', 'Be brief.', '--json'], {
      world,
      onSpawn: (c) => (child = c),
    });
    expect(await waitFor(() => chatTurns(world).length === 2, 10_000)).toBe(true);
    child?.kill('SIGINT');
    const run = await running;
    expect(run.code).toBe(130);
    const summary = summaryOf(run.stdout);
    expect(summary.interrupted).toBe('SIGINT');
    expect(summary.suites[0]?.items.map((i) => [i.id, i.status, i.outcome, i.skipReason])).toEqual([
      ['1', 'error', 'cancelled', null],
      ['2', 'error', 'cancelled', null],
      ['3', 'skipped', null, 'interrupted by SIGINT'],
      ['4', 'skipped', null, 'interrupted by SIGINT'],
    ]);
    expect(ledger(path.join(world.workspace, 'kiro-x-results.jsonl')).map((r) => r.status)).toEqual([
      'error',
      'error',
      'skipped',
      'skipped',
    ]);
    expect(chatTurns(world).filter((r) => alive(r.pid as number))).toEqual([]);
    const agents = path.join(world.workspace, '.kiro', 'agents');
    expect(existsSync(agents) ? readdirSync(agents) : []).toEqual([]);
  });

  it('SIGKILL mid-run, a torn ledger line, then --resume: nothing that passed re-runs, nothing is lost', async () => {
    const world = makeWorld();
    const quick = ['a', 'b', 'c'].map((id) => `{"id":"${id}","prompt":"quick ${id}"}`);
    const slow = ['d', 'e', 'f'].map((id) => `{"id":"${id}","prompt":"[[sim:sleep=3000]] slow ${id}"}`);
    batchFile(world, 'k.jsonl', [...quick, ...slow].join('\n') + '\n');
    const ledgerFile = path.join(world.workspace, 'kiro-x-results.jsonl');
    let child: ChildProcess | undefined;
    const running = runKiroX(['batch', 'k.jsonl', '-j', '3'], {world, onSpawn: (c) => (child = c)});
    const started = (): boolean =>
      chatTurns(world).filter((r) => String(r.prompt).startsWith('[[sim:sleep')).length === 3;
    expect(
      await waitFor(() => existsSync(ledgerFile) && ledger(ledgerFile).length === 3 && started(), 10_000),
    ).toBe(true);
    child?.kill('SIGKILL');
    await running;
    // The simulator turns run in their own process groups: a SIGKILL of kiro-x leaves them to us.
    for (const turn of chatTurns(world)) {
      if (turn.endedAt === null && alive(turn.pid as number)) process.kill(-(turn.pgid as number), 'SIGKILL');
    }
    const first = ledger(ledgerFile);
    expect(first.map((r) => [r.id, r.status]).sort()).toEqual([
      ['a', 'passed'],
      ['b', 'passed'],
      ['c', 'passed'],
    ]);
    const torn = '{"recordType":"attempt","id":"d","runId":"x","fi';
    appendFileSync(ledgerFile, torn);

    const resumed = await runKiroX(['batch', 'k.jsonl', '--resume', '--json'], {world});
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(
      `warning: ${ledgerFile}:4: torn last line (kiro-x was killed while writing it); ignored\n`,
    );
    expect(resumed.stderr).toContain('--resume: skipped 3 items that already passed\n');
    const summary = summaryOf(resumed.stdout);
    expect(summary.totals).toMatchObject({items: 6, passed: 6});
    const lines = readFileSync(ledgerFile, 'utf8').split('\n');
    expect(lines[3]).toBe(torn);
    const after = lines
      .filter((line, index) => line !== '' && index !== 3)
      .map((line) => JSON.parse(line) as LedgerRecord);
    expect(after.map((r) => [r.id, r.status]).sort()).toEqual([
      ['a', 'passed'],
      ['b', 'passed'],
      ['c', 'passed'],
      ['d', 'passed'],
      ['e', 'passed'],
      ['f', 'passed'],
    ]);
    expect(new Set(after.map((r) => r.runId)).size).toBe(2);
  });
});
