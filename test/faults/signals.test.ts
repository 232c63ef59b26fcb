import type {ChildProcess} from 'node:child_process';
import {existsSync, readdirSync, readFileSync, utimesSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {alive, makeWorld, records, runKiroX, waitFor, type World} from '../e2e/harness.js';

interface SimRecord {
  pid: number;
  pgid?: number;
  grandchildPid: number | null;
  argv: string[];
}

const STUBBORN = '[[sim:hang]][[sim:ignore-term]][[sim:grandchild]]';
const PROFILE = ['--system-prompt', 'Be brief.', '--tools', 'read'];
const simRecords = (world: World): SimRecord[] =>
  (records(world) as unknown as SimRecord[]).filter((r) => r.argv[0] === 'chat');
const treePids = (world: World): number[] =>
  simRecords(world)
    .flatMap((r) => [r.pid, r.grandchildPid ?? -1])
    .filter((pid) => pid > 0);
const generatedProfiles = (world: World): string[] => {
  const dir = path.join(world.workspace, '.kiro', 'agents');
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.startsWith('kiro-x-')) : [];
};

// Processes a SIGKILLed kiro-x could not end: the test ends their groups itself so nothing outlives it.
const orphans: number[] = [];
afterEach(() => {
  for (const pid of orphans.splice(0)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

/** Start kiro-x, wait until `ready` holds, send `signal`, and return how it ended. */
async function killWhen(world: World, args: string[], signal: NodeJS.Signals, ready: () => boolean) {
  let child: ChildProcess | undefined;
  const run = runKiroX(args, {world, onSpawn: (c) => (child = c)});
  expect(await waitFor(ready, 15_000)).toBe(true);
  child?.kill(signal);
  return run;
}

describe('signals to kiro-x during ask', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: exit %i, the stubborn tree is gone, the profile removed', async (signal, code) => {
    const world = makeWorld();
    const result = await killWhen(world, ['ask', STUBBORN, '--json', ...PROFILE], signal, () => {
      const rec = simRecords(world)[0];
      return rec !== undefined && (rec.grandchildPid ?? 0) > 0;
    });
    expect(result.code).toBe(code);
    expect(JSON.parse(result.stdout)).toMatchObject({outcome: 'cancelled'});
    expect(await waitFor(() => treePids(world).every((pid) => !alive(pid)), 2000)).toBe(true);
    expect(generatedProfiles(world)).toEqual([]);
  });

  it('SIGKILL: the next run removes the stale profile and says so', async () => {
    const world = makeWorld();
    const result = await killWhen(
      world,
      ['ask', STUBBORN, ...PROFILE],
      'SIGKILL',
      () => simRecords(world).length > 0,
    );
    expect(result.signal).toBe('SIGKILL');
    orphans.push(...simRecords(world).map((r) => r.pid));
    const left = generatedProfiles(world);
    expect(left).toHaveLength(1);
    // The profile of a killed run is removed once it is older than any turn could be.
    const file = path.join(world.workspace, '.kiro', 'agents', left[0] ?? '');
    const longAgo = (Date.now() - 3 * 3_600_000) / 1000;
    utimesSync(file, longAgo, longAgo);
    const next = await runKiroX(['ask', 'hi'], {world});
    expect(next.code).toBe(0);
    expect(next.stderr).toContain(`removed a stale kiro-x agent profile left by a killed run: ${file}`);
    expect(generatedProfiles(world)).toEqual([]);
  });
});

describe('signals to kiro-x during batch', () => {
  const batchFile = (world: World): string => {
    const file = path.join(world.workspace, 'prompts.txt');
    writeFileSync(
      file,
      ['quick one [[sim:answer=done]]', `${STUBBORN} a`, `${STUBBORN} b`, 'later [[sim:sleep=5000]]'].join(
        '\n',
      ),
    );
    return file;
  };
  const ledgerLines = (world: World): Array<Record<string, unknown>> =>
    readFileSync(path.join(world.workspace, 'kiro-x-results.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  const stubbornRunning = (world: World) => () =>
    simRecords(world).filter((r) => (r.grandchildPid ?? 0) > 0).length === 2;
  const firstRecorded = (world: World) => (): boolean => {
    const ledger = path.join(world.workspace, 'kiro-x-results.jsonl');
    return existsSync(ledger) && readFileSync(ledger, 'utf8').includes('\n');
  };

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: exit %i, records say cancelled, nothing survives, ledger valid', async (signal, code) => {
    const world = makeWorld();
    const file = batchFile(world);
    // Item 1 recorded and items 2–3 running: the signal lands at a known point.
    const ready = (): boolean => stubbornRunning(world)() && firstRecorded(world)();
    const result = await killWhen(world, ['batch', file, '-j', '3', '--json', ...PROFILE], signal, ready);
    expect(result.code).toBe(code);
    expect(await waitFor(() => treePids(world).every((pid) => !alive(pid)), 2000)).toBe(true);
    expect(generatedProfiles(world)).toEqual([]);
    const lines = ledgerLines(world);
    const byId = new Map(lines.map((r) => [String(r.id), r]));
    expect(byId.get('1')).toMatchObject({outcome: 'completed', status: 'passed'});
    expect(byId.get('2')).toMatchObject({outcome: 'cancelled'});
    expect(byId.get('3')).toMatchObject({outcome: 'cancelled'});
  });

  it('SIGKILL: the ledger stays readable and --resume runs only what had not passed', async () => {
    const world = makeWorld();
    const file = batchFile(world);
    // Item 1 recorded, items 2–4 in flight: the kill lands at a known point.
    const ready = (): boolean =>
      stubbornRunning(world)() && firstRecorded(world)() && simRecords(world).length === 4;
    const result = await killWhen(world, ['batch', file, '-j', '3', ...PROFILE], 'SIGKILL', ready);
    expect(result.signal).toBe('SIGKILL');
    orphans.push(...simRecords(world).map((r) => r.pid));
    expect(ledgerLines(world).map((r) => [String(r.id), r.status])).toEqual([['1', 'passed']]);
    writeFileSync(file, ['quick one [[sim:answer=done]]', 'fixed a', 'fixed b', 'later'].join('\n'));
    const resumedAt = Date.now();
    const resumed = await runKiroX(['batch', file, '--resume', '--json', ...PROFILE], {world});
    expect(resumed.code).toBe(0);
    const prompts = (records(world) as unknown as Array<SimRecord & {startedAt: number}>)
      .filter((r) => r.argv[0] === 'chat' && r.startedAt >= resumedAt)
      .map((r) => r.argv.at(-1));
    expect(prompts.sort()).toEqual(['fixed a', 'fixed b', 'later']);
  });
});
