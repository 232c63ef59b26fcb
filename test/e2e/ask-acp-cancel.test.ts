import type {ChildProcess} from 'node:child_process';
import {existsSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {acpRecords, askAcp, jsonDocument, storeDir, type AcpRecord} from './acp-helpers.js';
import {alive, makeWorld, removeWorlds, waitFor, type World} from './harness.js';

afterAll(removeWorlds);

// A generated profile, so that its removal is checked too.
const PROFILE = ['--system-prompt', 'Be brief.'];
const UNANSWERED = /kiro-cli did not answer session\/cancel within \d+ ms/;

/** The acp process of the world, once its prompt arrived. */
const prompted = (world: World): AcpRecord | undefined => acpRecords(world).find((r) => r.prompt !== null);

/** Start kiro-x on ACP, wait until kiro-cli has the prompt, then send `signal`. */
async function interrupt(world: World, prompt: string, signal: NodeJS.Signals) {
  let child: ChildProcess | undefined;
  const run = askAcp([prompt, '--json', ...PROFILE], {world, onSpawn: (c) => (child = c)});
  expect(await waitFor(() => prompted(world) !== undefined, 15_000)).toBe(true);
  const sentAt = Date.now();
  child?.kill(signal);
  const result = await run;
  return {result, doc: jsonDocument(result), afterMs: Date.now() - sentAt};
}

/** Whether any process of the group is left (a zombie not yet reaped counts: it is gone in a moment). */
function groupExists(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Nothing of the turn is left: no process of kiro-cli's group, no session lock, no generated profile. */
async function nothingLeft(world: World): Promise<void> {
  const record = prompted(world) as AcpRecord;
  const pids = [record.pid, record.grandchildPid ?? -1].filter((pid) => pid > 0);
  expect(await waitFor(() => pids.every((pid) => !alive(pid)), 2000)).toBe(true);
  expect(record.pgid).toBe(record.pid);
  expect(await waitFor(() => !groupExists(record.pid), 2000)).toBe(true);
  const store = storeDir(world);
  expect(existsSync(path.join(store, `${record.sessionId}.json`))).toBe(true);
  expect(readdirSync(store).filter((name) => name.endsWith('.lock'))).toEqual([]);
  expect(existsSync(path.join(world.workspace, '.kiro'))).toBe(false);
}

describe('ask --engine acp: cancellation ends the turn cooperatively', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s: session/cancel is answered at once; cancelled, exit %i, nothing left',
    async (signal, code) => {
      const world = makeWorld();
      const {result, doc, afterMs} = await interrupt(world, 'wait [[sim:sleep=60000]]', signal);
      expect(result.code).toBe(code);
      expect(doc).toMatchObject({outcome: 'cancelled', message: `The turn was cancelled by ${signal}.`});
      expect(doc.warnings.filter((w) => UNANSWERED.test(w))).toEqual([]);
      const record = prompted(world) as AcpRecord & {cancels?: string[]};
      expect(record.cancels).toEqual([doc.sessionId]);
      // kiro-cli answered: it was asked to leave (stdin closed), not killed.
      expect(record.endedAt).not.toBeNull();
      expect(afterMs).toBeLessThan(2000);
      await nothingLeft(world);
    },
  );

  it('SIGINT while kiro-cli never answers the cancel: after the grace stdin is closed and kiro-cli leaves', async () => {
    const world = makeWorld();
    const {result, doc} = await interrupt(world, 'stuck [[sim:hang]]', 'SIGINT');
    expect(result.code).toBe(130);
    expect(doc.outcome).toBe('cancelled');
    expect(doc.warnings.some((w) => UNANSWERED.test(w))).toBe(true);
    const record = prompted(world) as AcpRecord & {cancels?: string[]};
    expect(record.cancels).toEqual([doc.sessionId]);
    expect(record.endedAt).not.toBeNull();
    await nothingLeft(world);
  });

  it('SIGTERM with a tool child that ignores SIGTERM: the group is ended with TERM, then KILL', async () => {
    const world = makeWorld();
    const {result, doc, afterMs} = await interrupt(
      world,
      'stuck [[sim:hang]][[sim:ignore-term]][[sim:grandchild]]',
      'SIGTERM',
    );
    expect(result.code).toBe(143);
    expect(doc.outcome).toBe('cancelled');
    expect(prompted(world)?.grandchildPid).toBeGreaterThan(0);
    // kiro-cli itself left when stdin closed; only the child needed the signals.
    expect(prompted(world)?.endedAt).not.toBeNull();
    // The cancel's grace, then the kill grace: the child outlived SIGTERM until SIGKILL came.
    expect(afterMs).toBeGreaterThan(4000);
    await nothingLeft(world);
  });

  it('a kiro-cli that outlives stdin and SIGTERM is killed, and the lock it could not release is removed', async () => {
    const world = makeWorld();
    const {result, doc} = await interrupt(
      world,
      'stuck [[sim:hang]][[sim:linger]][[sim:ignore-term]]',
      'SIGINT',
    );
    expect(result.code).toBe(130);
    expect(doc).toMatchObject({outcome: 'cancelled', signal: 'SIGKILL'});
    // Killed: the simulator never saw its own end.
    expect(prompted(world)?.endedAt).toBeNull();
    await nothingLeft(world);
  });

  it.each([
    ['--timeout', 'timed_out', 8],
    ['--stall-timeout', 'stalled', 9],
  ])('%s 1s: %s, exit %i, with the same cooperative end', async (flag, outcome, code) => {
    const world = makeWorld();
    const started = Date.now();
    const result = await askAcp(['wait [[sim:sleep=60000]]', '--json', flag, '1s', ...PROFILE], {world});
    expect(result.code).toBe(code);
    const doc = jsonDocument(result);
    expect(doc.outcome).toBe(outcome);
    expect((prompted(world) as AcpRecord & {cancels?: string[]}).cancels).toEqual([doc.sessionId]);
    expect(Date.now() - started).toBeLessThan(10_000);
    await nothingLeft(world);
  });

  it('--timeout on a turn that never answers the cancel: timed_out once kiro-cli is gone', async () => {
    const world = makeWorld();
    const result = await askAcp(['stuck [[sim:hang]]', '--json', '--timeout', '1s', ...PROFILE], {world});
    expect(result.code).toBe(8);
    const doc = jsonDocument(result);
    expect(doc.outcome).toBe('timed_out');
    expect(doc.warnings.some((w) => UNANSWERED.test(w))).toBe(true);
    await nothingLeft(world);
  });
});
