import {readFileSync} from 'node:fs';
import path from 'node:path';

import {afterAll, describe, expect, it} from 'vitest';

import type {ChildProcess} from 'node:child_process';

import {validateJunit} from '../helpers/validate.js';
import {batchFile, ledger, statuses, summaryOf} from './batch-helpers.js';
import {alive, makeWorld, records, removeWorlds, runKiroX, waitFor, type World} from './harness.js';

afterAll(removeWorlds);

const acpProcesses = (world: World) => records(world).filter((r) => (r.argv as string[])[0] === 'acp');

const ITEMS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta']
  .map((id) => `{"id":"${id}","prompt":"[[sim:sleep=100]] say ${id}","expect":{"contains":"${id}"}}`)
  .join('\n');

/** A JUnit document with what differs from run to run (times, run ids, durations) blanked. */
const junitShape = (xml: string): string =>
  xml
    .replace(/(time|timestamp)="[^"]*"/g, '$1=""')
    .replace(/(name="(?:durationMs|runId|runIds)" value=)"[^"]*"/g, '$1""')
    .replace(/^(\s*(?:durationMs|runId|runIds): ).*$/gm, '$1');

/** Runs the batch on one engine; its ledger, summary and JUnit. */
async function runOn(engine: 'headless' | 'acp') {
  const world = makeWorld();
  batchFile(world, 'items.jsonl', `${ITEMS}\n`);
  const run = await runKiroX(
    ['batch', 'items.jsonl', '-j', '2', '--engine', engine, '--json', '--junit-file', 'r.xml'],
    {world},
  );
  const junit = readFileSync(path.join(world.workspace, 'r.xml'), 'utf8');
  return {world, run, junit, records: ledger(path.join(world.workspace, 'kiro-x-results.jsonl'))};
}

describe('kiro-x batch --engine acp', () => {
  it('runs every item in its own session on -j processes, with the ledger and JUnit of headless', async () => {
    const [acp, headless] = [await runOn('acp'), await runOn('headless')];
    expect(acp.run.code).toBe(0);
    const summary = summaryOf(acp.run.stdout);
    expect(statuses(summary)).toEqual(statuses(summaryOf(headless.run.stdout)));
    expect(summary.totals).toMatchObject({items: 6, passed: 6});
    // kiro-cli's start-up is paid twice, not six times; every process has ended.
    const started = acpProcesses(acp.world);
    expect(started).toHaveLength(2);
    expect(started.filter((p) => alive(p.pid as number))).toEqual([]);
    expect(new Set(acp.records.map((r) => ('sessionId' in r ? r.sessionId : null))).size).toBe(6);
    const keys = (records: typeof acp.records) => records.map((r) => Object.keys(r).sort());
    expect(keys(acp.records)).toEqual(keys(headless.records));
    expect(await validateJunit(acp.junit)).toEqual({valid: true, errors: []});
    expect(junitShape(acp.junit)).toBe(junitShape(headless.junit));

    const resumed = await runKiroX(['batch', 'items.jsonl', '--engine', 'acp', '--resume', '--json'], {
      world: acp.world,
    });
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain('--resume: skipped 6 items that already passed\n');
    expect(acpProcesses(acp.world)).toHaveLength(2);
  });

  it('replaces a process that crashed and goes on with the next items', async () => {
    const world = makeWorld();
    batchFile(world, 'c.txt', 'one\n[[sim:crash]] two\nthree\nfour\n');
    const run = await runKiroX(['batch', 'c.txt', '-j', '1', '--engine', 'acp', '--json'], {world});
    expect(run.code).toBe(1);
    expect(statuses(summaryOf(run.stdout)).map(([id, status]) => [id, status])).toEqual([
      ['1', 'passed'],
      ['2', 'error'],
      ['3', 'passed'],
      ['4', 'passed'],
    ]);
    expect(acpProcesses(world)).toHaveLength(2);
  });

  it('SIGINT: running turns are cancelled, the rest skipped, exit 130, no kiro-cli left', async () => {
    const world = makeWorld();
    batchFile(world, 'i.txt', '[[sim:sleep=20000]] a\n[[sim:sleep=20000]] b\nc\nd\n');
    let child: ChildProcess | undefined;
    const running = runKiroX(['batch', 'i.txt', '-j', '2', '--engine', 'acp', '--json'], {
      world,
      onSpawn: (c) => (child = c),
    });
    const prompted = (): number => acpProcesses(world).filter((p) => p.prompt !== null).length;
    expect(await waitFor(() => prompted() === 2, 10_000)).toBe(true);
    child?.kill('SIGINT');
    const run = await running;
    expect(run.code).toBe(130);
    const summary = summaryOf(run.stdout);
    expect(summary.interrupted).toBe('SIGINT');
    expect(statuses(summary)).toEqual([
      ['1', 'error', 'cancelled'],
      ['2', 'error', 'cancelled'],
      ['3', 'skipped', null],
      ['4', 'skipped', null],
    ]);
    const started = acpProcesses(world);
    expect(started).toHaveLength(2);
    expect(started.filter((p) => alive(p.pid as number))).toEqual([]);
  });
});
