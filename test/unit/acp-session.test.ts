import {existsSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import type {TurnEvent} from '../../src/lib/engine/events.js';
import {CliNotFoundError, UsageError} from '../../src/lib/errors.js';
import type {SessionOptions} from '../../src/lib/query/options.js';
import {openSession} from '../../src/lib/query/session.js';
import {findSession, readConversation} from '../../src/lib/sessions/store.js';
import {alive, makeWorld, records, removeWorlds, waitFor, type World} from '../e2e/harness.js';

afterAll(removeWorlds);

interface AcpRecord {
  argv: string[];
  pid: number;
  model: string | null;
  prompt: string | null;
  endedAt: string | null;
}

/** Every `kiro-cli acp` the simulator recorded, oldest first. */
const acps = (world: World): AcpRecord[] =>
  (records(world) as unknown as AcpRecord[]).filter((r) => r.argv.includes('acp'));
const inWorld = (world: World, extra: Partial<SessionOptions> = {}): SessionOptions => ({
  engine: 'acp',
  cwd: world.workspace,
  env: world.env,
  ...extra,
});
const storeDir = (world: World): string => path.join(world.kiroHome, 'sessions', 'cli');
const locks = (world: World): string[] =>
  existsSync(storeDir(world)) ? readdirSync(storeDir(world)).filter((n) => n.endsWith('.lock')) : [];
const prompts = async (world: World, id: string): Promise<string[]> => {
  const stored = await findSession(world.env, id);
  if (stored === null) return [];
  const {entries} = await readConversation(stored, {thinking: false, outputLimit: 100});
  return entries.flatMap((entry) => (entry.kind === 'prompt' ? [entry.text] : []));
};

describe('openSession on the ACP engine', () => {
  it('keeps one kiro-cli acp process and one session for every prompt', async () => {
    const world = makeWorld();
    const session = await openSession(inWorld(world));
    const first = await session.prompt('first');
    const second = await session.prompt('second');
    const third = await session.prompt('third');
    expect([first, second, third].map((r) => [r.outcome, r.text, r.resumed])).toEqual([
      ['completed', 'You said: first', null],
      ['completed', 'You said: second', true],
      ['completed', 'You said: third', true],
    ]);
    expect(first.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect([second.sessionId, third.sessionId, session.id]).toEqual([
      first.sessionId,
      first.sessionId,
      first.sessionId,
    ]);
    // One process served the three prompts, and it is still there until the session closes.
    const [kiro, ...others] = acps(world);
    expect(others).toEqual([]);
    expect(alive(kiro?.pid ?? -1)).toBe(true);
    expect([first.exitCode, third.exitCode]).toEqual([null, null]);
    // The conversation goes on: kiro-cli keeps every prompt in the one session.
    expect(await prompts(world, first.sessionId as string)).toEqual(['first', 'second', 'third']);
    expect(locks(world)).toEqual([`${first.sessionId}.lock`]);
    await session.close();
    expect(alive(kiro?.pid ?? -1)).toBe(false);
    expect(acps(world)[0]?.endedAt).not.toBeNull();
    expect(locks(world)).toEqual([]);
    await expect(session.prompt('fourth')).rejects.toThrow(new UsageError('The session is closed.'));
  });

  it('streams each prompt as its ACP events, its result last', async () => {
    const world = makeWorld();
    const session = await openSession(inWorld(world));
    const types = async (prompt: string): Promise<TurnEvent[]> => {
      const events: TurnEvent[] = [];
      for await (const event of session.stream(prompt)) events.push(event);
      return events;
    };
    const first = await types('hi [[sim:messages=2]]');
    const second = await types('again');
    for (const events of [first, second]) {
      const types = events.map((e) => e.type);
      const at = types.indexOf('session');
      expect(events[at]).toMatchObject({type: 'session', engine: 'acp', sessionId: session.id});
      expect(types.indexOf('message')).toBeGreaterThan(at);
      expect(events.at(-1)).toMatchObject({type: 'result', outcome: 'completed', sessionId: session.id});
    }
    // The frames kiro-cli sends before its session/new answer come with the first prompt only.
    expect(first[0]).toMatchObject({type: 'notice', method: '_kiro.dev/subagent/list_update'});
    expect(second[0]).toMatchObject({type: 'session', resumed: true});
    await session.close();
  });

  it('setModel switches the live session: the next prompt runs on that model, in the same process', async () => {
    const world = makeWorld();
    const session = await openSession(inWorld(world, {model: 'claude-haiku-4.5'}));
    const before = await session.prompt('one');
    expect(acps(world).map((r) => r.model)).toEqual(['claude-haiku-4.5']);
    await session.setModel('claude-opus-4.5');
    const after = await session.prompt('two');
    expect([before.model, after.model]).toEqual(['claude-haiku-4.5', 'claude-opus-4.5']);
    expect(acps(world).map((r) => r.model)).toEqual(['claude-opus-4.5']);
    await expect(session.setModel('gpt-nothing')).rejects.toThrow(UsageError);
    await expect(session.setModel('gpt-nothing')).rejects.toThrow(
      /kiro-cli refused model gpt-nothing: .*does not exist/,
    );
    expect((await session.prompt('three')).model).toBe('claude-opus-4.5');
    expect(acps(world)).toHaveLength(1);
    await session.close();
  });

  it('speaks the V3 dialect with harness v3, setModel through the model config option', async () => {
    const world = makeWorld();
    const session = await openSession(inWorld(world, {harness: 'v3'}));
    const first = await session.prompt('one');
    expect(first).toMatchObject({outcome: 'completed', text: 'You said: one'});
    expect(first.sessionId).toMatch(/^sess_/);
    await session.setModel('claude-haiku-4.5');
    const second = await session.prompt('two');
    expect(second).toMatchObject({sessionId: first.sessionId, resumed: true, model: 'claude-haiku-4.5'});
    const [kiro, ...others] = acps(world);
    expect(others).toEqual([]);
    expect(kiro?.argv).toContain('--agent-engine=v3');
    expect(kiro?.model).toBe('claude-haiku-4.5');
    await session.close();
    expect(alive(kiro?.pid ?? -1)).toBe(false);
  });

  it('cancel() ends the running prompt cooperatively; the process and session go on', async () => {
    const world = makeWorld();
    const session = await openSession(inWorld(world));
    const running = session.prompt('[[sim:sleep=30000]]');
    await waitFor(() => acps(world)[0]?.prompt === '[[sim:sleep=30000]]');
    session.cancel();
    const cancelled = await running;
    expect(cancelled).toMatchObject({outcome: 'cancelled', exitCode: null, signal: null});
    const next = await session.prompt('after');
    expect(next).toMatchObject({outcome: 'completed', text: 'You said: after'});
    expect(next.sessionId).toBe(cancelled.sessionId);
    expect(acps(world)).toHaveLength(1);
    await session.close();
  });

  it('a cancel kiro-cli does not answer ends the process; the next prompt loads the session in a new one', async () => {
    const world = makeWorld();
    const session = await openSession(inWorld(world, {graceMs: 200}));
    const first = await session.prompt('first');
    const hung = session.prompt('[[sim:hang]]');
    await waitFor(() => acps(world)[0]?.prompt === '[[sim:hang]]');
    session.cancel();
    const cancelled = await hung;
    expect(cancelled).toMatchObject({outcome: 'cancelled', sessionId: first.sessionId});
    expect(cancelled.warnings).toContain('kiro-cli did not answer session/cancel within 2000 ms.');
    const [gone] = acps(world);
    expect(alive(gone?.pid ?? -1)).toBe(false);
    expect(cancelled.exitCode !== null || cancelled.signal !== null).toBe(true);
    const again = await session.prompt('again');
    expect(again).toMatchObject({
      outcome: 'completed',
      text: 'You said: again',
      sessionId: first.sessionId,
      resumed: true,
    });
    expect(again.warnings[0]).toMatch(
      new RegExp(`^kiro-cli \\(pid ${gone?.pid}\\) .* a new kiro-cli loads session ${first.sessionId}`),
    );
    expect(acps(world)).toHaveLength(2);
    expect(await prompts(world, first.sessionId as string)).toEqual(['first', '[[sim:hang]]', 'again']);
    await session.close();
    expect(acps(world).map((r) => alive(r.pid))).toEqual([false, false]);
  });

  it('a kiro-cli that crashed between prompts: the next prompt says so and goes on in a new process', async () => {
    const world = makeWorld();
    const session = await openSession(inWorld(world));
    const first = await session.prompt('first');
    const [crashed] = acps(world);
    process.kill(crashed?.pid ?? -1, 'SIGKILL');
    await waitFor(() => !alive(crashed?.pid ?? -1));
    // The program is idle a moment, as between two prompts.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const next = await session.prompt('second');
    expect(next).toMatchObject({outcome: 'completed', sessionId: first.sessionId, resumed: true});
    expect(next.warnings[0]).toBe(
      `kiro-cli (pid ${crashed?.pid}) ended by SIGKILL after an earlier prompt: a new kiro-cli loads session ${first.sessionId} (session/load) to go on with it.`,
    );
    expect(acps(world)).toHaveLength(2);
    await session.close();
    expect(locks(world)).toEqual([]);
  });

  it('a kiro-cli that crashes during a prompt: that prompt says how, the next one goes on', async () => {
    const world = makeWorld();
    const session = await openSession(inWorld(world));
    const first = await session.prompt('first');
    const crash = await session.prompt('[[sim:crash]]');
    expect(crash).toMatchObject({ok: false, exitCode: 101});
    const next = await session.prompt('second');
    expect(next).toMatchObject({outcome: 'completed', sessionId: first.sessionId, resumed: true});
    await session.close();
  });

  it('its signal closes it: the running prompt is cancelled and no process is left', async () => {
    const world = makeWorld();
    const controller = new AbortController();
    const session = await openSession(inWorld(world, {signal: controller.signal}));
    await session.prompt('first');
    const running = session.prompt('[[sim:sleep=30000]]');
    await waitFor(() => acps(world)[0]?.prompt === '[[sim:sleep=30000]]');
    controller.abort();
    expect(await running).toMatchObject({outcome: 'cancelled'});
    await waitFor(() => !alive(acps(world)[0]?.pid ?? -1));
    expect(alive(acps(world)[0]?.pid ?? -1)).toBe(false);
    expect(locks(world)).toEqual([]);
    await expect(session.prompt('more')).rejects.toThrow(new UsageError('The session is closed.'));
  });

  it('continues the session resumeId names, loaded once for every prompt', async () => {
    const world = makeWorld();
    const earlier = await openSession(inWorld(world));
    const {sessionId} = await earlier.prompt('earlier');
    await earlier.close();
    const session = await openSession(inWorld(world, {resumeId: sessionId as string}));
    const one = await session.prompt('one');
    const two = await session.prompt('two');
    expect([one.sessionId, one.resumed, two.sessionId, two.resumed]).toEqual([
      sessionId,
      true,
      sessionId,
      true,
    ]);
    expect(acps(world)).toHaveLength(2);
    await session.close();
  });

  it('refuses what cannot be a session before any prompt', async () => {
    const world = makeWorld();
    await expect(openSession(inWorld(world, {cliPath: 'kiro-cli-nowhere'}))).rejects.toBeInstanceOf(
      CliNotFoundError,
    );
    await expect(openSession(inWorld(world, {permissionMode: 'maybe' as never}))).rejects.toThrow(
      new UsageError('permissionMode must be deny, fail, ask, not "maybe".'),
    );
    await expect(openSession(inWorld(world, {askUser: 'yes' as never}))).rejects.toThrow(
      new UsageError('askUser must be a function, not "yes".'),
    );
    expect(records(world)).toEqual([]);
  });
});
