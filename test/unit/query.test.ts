import {existsSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {ask} from '../../src/lib/ask/ask.js';
import type {TurnEvent} from '../../src/lib/engine/events.js';
import {CliNotFoundError, UsageError} from '../../src/lib/errors.js';
import {query} from '../../src/lib/query/query.js';
import type {QueryOptions} from '../../src/lib/query/options.js';
import {alive, makeWorld, records, removeWorlds, waitFor, type World} from '../e2e/harness.js';
import {validateStreamEvent} from '../helpers/validate.js';

afterAll(removeWorlds);

interface SimRecord {
  argv: string[];
  pid: number;
  grandchildPid: number | null;
}

const chats = (world: World): SimRecord[] =>
  (records(world) as unknown as SimRecord[]).filter((r) => r.argv[0] === 'chat');
const profiles = (world: World): string[] => {
  const dir = path.join(world.workspace, '.kiro', 'agents');
  return existsSync(dir) ? readdirSync(dir) : [];
};

/** Options of a turn against the simulator of `world`. */
const optionsIn = (world: World, prompt: string, extra: Partial<QueryOptions> = {}): QueryOptions => ({
  prompt,
  cwd: world.workspace,
  env: world.env,
  detectSessionId: false,
  ...extra,
});

async function collect(events: AsyncIterable<TurnEvent>): Promise<TurnEvent[]> {
  const seen: TurnEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

describe('query', () => {
  it('yields the turn events in order, the result last: the document ask() returns, marked', async () => {
    const world = makeWorld();
    const events = await collect(query(optionsIn(world, 'hi [[sim:tools]] [[sim:time=4s]]')));
    expect(events[0]?.type).toBe('session');
    expect(events.filter((e) => e.type === 'result')).toHaveLength(1);
    const result = events.at(-1);
    if (result?.type !== 'result') throw new Error('no result last');
    for (const event of events)
      expect(validateStreamEvent(JSON.parse(JSON.stringify(event)))).toEqual({valid: true, errors: []});
    expect(result).toMatchObject({type: 'result', outcome: 'completed', text: 'Both suites are green.'});
    const {durationMs: _d, type: _t, ...rest} = result;
    const {durationMs: _d2, ...direct} = await ask({
      ...optionsIn(world, 'hi [[sim:tools]] [[sim:time=4s]]'),
      cwd: world.workspace,
      engine: 'headless',
      cliPath: 'kiro-cli',
      trust: {tools: []},
      timeoutMs: 60_000,
      stallTimeoutMs: 0,
    });
    expect(rest).toEqual(direct);
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['tool_call', 'tool_call_update', 'message', 'metadata']),
    );
  });

  it('refuses bad options at the call, quoting the value, before anything runs', () => {
    const world = makeWorld();
    const refused = (extra: Partial<QueryOptions>, message: string): void => {
      expect(() => query(optionsIn(world, 'hi', extra))).toThrow(new UsageError(message));
    };
    refused({prompt: '  '}, 'prompt must be a non-empty string, not "  ".');
    refused(
      {cwd: path.join(world.workspace, 'nowhere')},
      `cwd must be an existing directory, not ${JSON.stringify(path.join(world.workspace, 'nowhere'))}.`,
    );
    refused({timeoutMs: -5}, 'timeoutMs must be a number of milliseconds > 0, not -5.');
    refused({stallTimeoutMs: Number.NaN}, 'stallTimeoutMs must be a number of milliseconds >= 0, not NaN.');
    refused({effort: 'huge' as never}, 'effort must be low, medium, high, xhigh, max, not "huge".');
    refused(
      {trust: {tools: 'read'} as never},
      'trust must be {all: true} or {tools: [names]}, not {"tools":"read"}.',
    );
    refused({engine: 'grpc' as never}, 'engine must be headless or acp, not "grpc".');
    refused({permissionMode: 'never' as never}, 'permissionMode must be deny, fail, ask, not "never".');
    refused({askUser: true as never}, 'askUser must be a function, not true.');
    refused(
      {resumeId: '../etc'},
      'resumeId takes a session id (a UUID, or sess_<UUID> for the V3 harness), not "../etc".',
    );
    expect(records(world)).toEqual([]);
  });

  it('throws CliNotFoundError at the first step when kiro-cli is not there', async () => {
    const world = makeWorld();
    const missing = query(optionsIn(world, 'hi', {cliPath: '/nonexistent/kiro-cli'}));
    const error: unknown = await missing.next().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(CliNotFoundError);
    expect(error).toMatchObject({
      message: 'kiro-cli could not be started from /nonexistent/kiro-cli: it does not exist.',
      outcome: 'cli_not_found',
      cliPath: '/nonexistent/kiro-cli',
    });
    const notOnPath = query(optionsIn(world, 'hi', {cliPath: 'kiro-cli-nowhere'}));
    await expect(notOnPath.next()).rejects.toBeInstanceOf(CliNotFoundError);
  });

  it('leaving the loop early cancels the turn: kiro-cli and what it started are gone, the profile too', async () => {
    const world = makeWorld();
    const options = optionsIn(world, '[[sim:hang]][[sim:grandchild]]', {
      profile: {systemPrompt: 'Be brief.'},
      graceMs: 500,
    });
    for await (const event of query(options)) {
      expect(event.type).toBe('session');
      expect(await waitFor(() => chats(world)[0]?.grandchildPid != null)).toBe(true);
      break;
    }
    const [sim] = chats(world);
    expect(sim && [alive(sim.pid), alive(sim.grandchildPid ?? -1)]).toEqual([false, false]);
    expect(profiles(world)).toEqual([]);
  });

  it('an aborted signal cancels the turn, which ends with its cancelled result', async () => {
    const world = makeWorld();
    const controller = new AbortController();
    const events: TurnEvent[] = [];
    for await (const event of query(optionsIn(world, '[[sim:hang]]', {signal: controller.signal}))) {
      events.push(event);
      if (event.type === 'session') {
        await waitFor(() => chats(world).length > 0);
        controller.abort();
      }
    }
    expect(events.at(-1)).toMatchObject({type: 'result', outcome: 'cancelled', ok: false});
    expect(alive(chats(world)[0]?.pid ?? -1)).toBe(false);
    // Aborted before the start, nothing runs at all.
    const before = await collect(query(optionsIn(world, 'hi', {signal: AbortSignal.abort()})));
    expect(before.map((e) => e.type)).toEqual(['result']);
    expect(chats(world)).toHaveLength(1);
  });

  it('on the ACP engine, yields the ACP events of the turn and its result, permissions included', async () => {
    const world = makeWorld();
    const events = await collect(
      query(optionsIn(world, 'hi [[sim:shell=ls]] [[sim:messages=2]]', {engine: 'acp'})),
    );
    for (const event of events)
      expect(validateStreamEvent(JSON.parse(JSON.stringify(event)))).toEqual({valid: true, errors: []});
    const session = events.find((e) => e.type === 'session');
    expect(session).toMatchObject({type: 'session', engine: 'acp', resumed: null, model: 'auto'});
    const sessionId = (session as {sessionId: string}).sessionId;
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const seen = (type: TurnEvent['type']): TurnEvent[] => events.filter((e) => e.type === type);
    expect(seen('tool_call')).toEqual([
      expect.objectContaining({tool: 'shell', title: 'ls', kind: 'execute'}),
    ]);
    expect(seen('permission_request')).toEqual([
      expect.objectContaining({tool: 'shell', options: ['allow_once', 'allow_always', 'reject_once']}),
    ]);
    expect(seen('permission_decision')).toEqual([
      expect.objectContaining({tool: 'shell', decision: 'deny', by: 'policy'}),
    ]);
    expect(seen('metadata')).toContainEqual(expect.objectContaining({sessionId, credits: 0.06}));
    const text = seen('message')
      .map((e) => (e as {text: string}).text)
      .join('');
    expect(text).toBe(
      'Step 1 of 2. I was not allowed to use the shell tool. You said: hi [[sim:shell=ls]] [[sim:messages=2]]',
    );
    expect(events.filter((e) => e.type === 'result')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({
      type: 'result',
      outcome: 'completed',
      sessionId,
      deniedTools: ['shell'],
      permissions: [{tool: 'shell', title: 'ls', kind: 'execute', decision: 'deny', by: 'policy'}],
      exitCode: 0,
    });
    const acps = (records(world) as unknown as SimRecord[]).filter((r) => r.argv.includes('acp'));
    expect(acps).toHaveLength(1);
    expect(alive(acps[0]?.pid ?? -1)).toBe(false);
  });
});
