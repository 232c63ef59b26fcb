import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {AcpPool} from '../../src/lib/engine/acp/pool.js';
import type {TurnInput} from '../../src/lib/engine/turn.js';
import {KEY, simBox, type SimBox} from '../helpers/acp-sim.js';
import {alive, waitFor} from '../e2e/harness.js';

const SIM = path.resolve('test/sim/bin/kiro-cli');

const pools: AcpPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

/** A pool of `size` over the box, and what it started (one simulator record per process). */
function poolIn(box: SimBox, size: number, env: Record<string, string> = KEY) {
  const recordDir = path.join(box.home, 'record');
  const pool = new AcpPool(size);
  pools.push(pool);
  const input = (prompt: string, extra: Partial<TurnInput> = {}): TurnInput => ({
    prompt,
    cwd: box.cwd,
    cliPath: SIM,
    env: {
      PATH: [path.dirname(SIM), path.dirname(process.execPath), '/usr/bin', '/bin'].join(path.delimiter),
      HOME: box.home,
      KIRO_HOME: box.kiroHome,
      KIRO_SIM_RECORD: recordDir,
      ...env,
    },
    trust: {tools: []},
    harnessArgs: [],
    timeoutMs: 0,
    stallTimeoutMs: 0,
    graceMs: 500,
    keepTranscript: true,
    secrets: [],
    ...extra,
  });
  const run = async (prompt: string, extra: Partial<TurnInput> = {}) => {
    const {result, texts} = await pool.runTurn(input(prompt, extra));
    return {...result, text: texts.messages.map((spool) => spool.toString()).join('')};
  };
  const processes = (): Array<{pid: number; argv: string[]; startedAt: number; endedAt: number | null}> =>
    fs.existsSync(recordDir)
      ? fs
          .readdirSync(recordDir)
          .filter((name) => name.endsWith('.json'))
          .sort()
          .map((name) => JSON.parse(fs.readFileSync(path.join(recordDir, name), 'utf8')) as never)
          .filter((r: {argv: string[]}) => r.argv[0] === 'acp')
      : [];
  return {pool, run, processes};
}

describe('the ACP process pool of a batch', () => {
  it('serves many turns on N processes, each turn in a session of its own', async () => {
    const {pool, run, processes} = poolIn(simBox(), 2);
    const results = await Promise.all(Array.from({length: 6}, (_, i) => run(`[[sim:sleep=100]] item ${i}`)));
    expect(results.map((r) => [r.outcome, r.text])).toEqual(
      Array.from({length: 6}, (_, i) => ['completed', `You said: [[sim:sleep=100]] item ${i}`]),
    );
    expect(new Set(results.map((r) => r.sessionId)).size).toBe(6);
    // The process lives on after each turn: no exit code belongs to one turn.
    expect(results.map((r) => r.exitCode)).toEqual([null, null, null, null, null, null]);
    expect(processes()).toHaveLength(2);
    await pool.close();
    expect(processes().map((p) => alive(p.pid))).toEqual([false, false]);
  });

  it('replaces a process that crashed mid-turn; the next turn runs on a new one', async () => {
    const {run, processes} = poolIn(simBox(), 1);
    expect((await run('first')).outcome).toBe('completed');
    const crashed = await run('[[sim:crash]] second');
    expect(crashed.outcome).not.toBe('completed');
    expect(crashed.exitCode).toBe(101);
    const after = await run('third');
    expect([after.outcome, after.text]).toEqual(['completed', 'You said: third']);
    expect(processes()).toHaveLength(2);
  });

  it('ends the process of a turn that timed out, and the next turn is fine on a new one', async () => {
    const {run, processes} = poolIn(simBox(), 1);
    const late = await run('[[sim:sleep=10000]] slow', {timeoutMs: 1500});
    expect(late.outcome).toBe('timed_out');
    const [first] = processes();
    expect(alive(first!.pid)).toBe(false);
    expect((await run('quick')).outcome).toBe('completed');
    expect(processes()).toHaveLength(2);
  });

  it('starts a process for other launch flags, retiring an idle one so no more than N run', async () => {
    const {run, processes} = poolIn(simBox(), 1);
    expect((await run('a', {model: 'claude-haiku-4.5'})).model).toBe('claude-haiku-4.5');
    expect((await run('b', {model: 'claude-opus-4.5'})).model).toBe('claude-opus-4.5');
    const [one, two] = processes();
    expect([one?.argv.includes('claude-haiku-4.5'), two?.argv.includes('claude-opus-4.5')]).toEqual([
      true,
      true,
    ]);
    expect(await waitFor(() => !alive(one!.pid), 3000)).toBe(true);
    expect(one!.pid).not.toBe(two!.pid);
  });

  it('ends the idle process that holds a session before a turn resumes it (its lock goes with it)', async () => {
    const {run, processes} = poolIn(simBox(), 2);
    const first = await run('remember 42');
    const resumed = await run('what did I say?', {resumeId: first.sessionId!});
    expect([resumed.outcome, resumed.resumed, resumed.sessionId]).toEqual([
      'completed',
      true,
      first.sessionId,
    ]);
    expect(processes()).toHaveLength(2);
  });

  it('gives each turn the failure of a kiro-cli that cannot start, one start per turn', async () => {
    const {run, processes} = poolIn(simBox(), 2, {});
    const results = [await run('a'), await run('b')];
    expect(results.map((r) => r.outcome)).toEqual(['auth_failed', 'auth_failed']);
    expect(processes()).toHaveLength(2);
  });
});
