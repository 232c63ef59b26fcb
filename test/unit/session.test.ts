import {afterAll, describe, expect, it} from 'vitest';
import type {TurnEvent} from '../../src/lib/engine/events.js';
import {CliNotFoundError, UsageError} from '../../src/lib/errors.js';
import {openSession} from '../../src/lib/query/session.js';
import type {SessionOptions} from '../../src/lib/query/options.js';
import {alive, makeWorld, records, removeWorlds, waitFor, type World} from '../e2e/harness.js';

afterAll(removeWorlds);

interface SimRecord {
  argv: string[];
  pid: number;
}

const chats = (world: World): SimRecord[] =>
  (records(world) as unknown as SimRecord[]).filter(
    (r) => r.argv[0] === 'chat' && !r.argv.includes('--list-sessions'),
  );
const inWorld = (world: World, extra: Partial<SessionOptions> = {}): SessionOptions => ({
  cwd: world.workspace,
  env: world.env,
  ...extra,
});

describe('openSession on the headless engine', () => {
  it('continues one conversation: each prompt resumes the session the one before proved', async () => {
    const world = makeWorld();
    const session = await openSession(inWorld(world));
    expect(session.id).toBeNull();
    const first = await session.prompt('first [[sim:answer=one]]');
    expect(first).toMatchObject({outcome: 'completed', text: 'one', resumed: null});
    expect(first.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(session.id).toBe(first.sessionId);
    await session.setModel('claude-haiku-4.5');
    const second = await session.prompt('second [[sim:answer=two]]');
    expect(second).toMatchObject({
      outcome: 'completed',
      text: 'two',
      sessionId: first.sessionId,
      resumed: true,
      model: 'claude-haiku-4.5',
    });
    expect('type' in second).toBe(false);
    const [one, two] = chats(world).map((r) => r.argv);
    expect(one).not.toContain('--resume-id');
    expect(two).toEqual(
      expect.arrayContaining(['--resume-id', first.sessionId, '--model', 'claude-haiku-4.5']),
    );
    await session.close();
    await expect(session.prompt('third')).rejects.toThrow(new UsageError('The session is closed.'));
  });

  it('streams a prompt as events, the result last', async () => {
    const world = makeWorld();
    const session = await openSession(inWorld(world));
    const events: TurnEvent[] = [];
    for await (const event of session.stream('hi [[sim:messages=2]]')) events.push(event);
    expect(events[0]?.type).toBe('session');
    expect(events.at(-1)).toMatchObject({type: 'result', outcome: 'completed'});
    expect(session.id).toBe((events.at(-1) as {sessionId: string}).sessionId);
    await session.close();
  });

  it('one prompt at a time; cancel() ends the running one, and the session goes on', async () => {
    const world = makeWorld();
    const session = await openSession(inWorld(world, {detectSessionId: false}));
    const hung = session.prompt('[[sim:hang]]');
    await waitFor(() => chats(world).length > 0);
    await expect(session.prompt('meanwhile')).rejects.toThrow(
      new UsageError('A prompt is already running in this session: await it, or cancel() it first.'),
    );
    session.cancel();
    expect(await hung).toMatchObject({outcome: 'cancelled'});
    expect(alive(chats(world)[0]?.pid ?? -1)).toBe(false);
    expect(await session.prompt('after [[sim:answer=still here]]')).toMatchObject({text: 'still here'});
    await session.close();
  });

  it('its signal closes it, cancelling what runs; a prompt signal cancels only that prompt', async () => {
    const world = makeWorld();
    const controller = new AbortController();
    const session = await openSession(inWorld(world, {detectSessionId: false, signal: controller.signal}));
    const prompt = new AbortController();
    const first = session.prompt('[[sim:hang]]', {signal: prompt.signal});
    await waitFor(() => chats(world).length === 1);
    prompt.abort();
    expect(await first).toMatchObject({outcome: 'cancelled'});
    const second = session.prompt('[[sim:hang]]');
    await waitFor(() => chats(world).length === 2);
    controller.abort();
    expect(await second).toMatchObject({outcome: 'cancelled'});
    await expect(session.prompt('more')).rejects.toThrow(new UsageError('The session is closed.'));
  });

  it('refuses what cannot be a session before any prompt: bad options, no kiro-cli', async () => {
    const world = makeWorld();
    await expect(openSession(inWorld(world, {model: ''}))).rejects.toThrow(
      new UsageError('model must be a non-empty string, not "".'),
    );
    await expect(openSession(inWorld(world, {cliPath: 'kiro-cli-nowhere'}))).rejects.toBeInstanceOf(
      CliNotFoundError,
    );
    const session = await openSession(inWorld(world));
    await expect(session.setModel('  ')).rejects.toThrow(
      new UsageError('model must be a non-empty string, not "  ".'),
    );
    expect(() => session.stream('')).toThrow(new UsageError('prompt must be a non-empty string, not "".'));
    expect(records(world)).toEqual([]);
  });
});
