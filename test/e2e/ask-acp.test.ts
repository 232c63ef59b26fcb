import {afterAll, describe, expect, it} from 'vitest';
import {validateStreamEvent} from '../helpers/validate.js';
import {acpRecords, askAcp, jsonDocument, loginFile} from './acp-helpers.js';
import {makeWorld, removeWorlds, type World} from './harness.js';

afterAll(removeWorlds);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SHELL_LS = {tool: 'shell', title: 'ls', kind: 'execute'};

type Line = Record<string, unknown> & {type: string};

describe('ask --engine acp: the result contract', () => {
  it('completed: the --json document validates, with its session, permissions and no transcript', async () => {
    const world = makeWorld();
    const run = await askAcp(['say hi [[sim:shell=ls]]', '--json'], {world});
    expect(run.code).toBe(0);
    const doc = jsonDocument(run);
    expect(doc).toMatchObject({
      ok: true,
      outcome: 'completed',
      transcript: null,
      sessionId: expect.stringMatching(UUID),
      resumed: null,
      credits: 0.06,
      exitCode: 0,
      permissions: [{...SHELL_LS, decision: 'deny', by: 'policy'}],
      deniedTools: ['shell'],
      text: 'I was not allowed to use the shell tool. You said: say hi [[sim:shell=ls]]',
    });
    expect(doc.command.slice(1)).toEqual(['acp', '--agent-engine=v2']);
    expect(acpRecords(world).map((r) => r.sessionId)).toEqual([doc.sessionId]);
  });

  it('stream-json: every line validates, the session precedes the turn, the last line is the --json document', async () => {
    const world = makeWorld();
    const prompt = 'fix it [[sim:shell=ls]] [[sim:plan]] [[sim:thinking=hmm]]';
    const streamed = await askAcp([prompt, '-o', 'stream-json'], {world});
    const documented = await askAcp([prompt, '--json'], {world});
    expect([streamed.code, streamed.stderr]).toEqual([0, '']);
    expect(streamed.stdout.endsWith('\n')).toBe(true);
    const events = streamed.stdout
      .slice(0, -1)
      .split('\n')
      .map((line) => JSON.parse(line) as Line);
    for (const event of events) expect(validateStreamEvent(event)).toEqual({valid: true, errors: []});
    // Only the raw frames kiro-cli sends before session/new's answer come before the session.
    const session = events.find((e) => e.type !== 'notice');
    expect(session).toMatchObject({type: 'session', engine: 'acp', sessionId: expect.stringMatching(UUID)});
    const types = new Set(events.map((e) => e.type));
    for (const type of [
      'message',
      'thought',
      'plan',
      'tool_call',
      'permission_request',
      'permission_decision',
    ])
      expect(types).toContain(type);
    expect(events.filter((e) => e.type === 'result')).toHaveLength(1);
    const result = events.at(-1) as Line;
    const doc = jsonDocument(documented) as unknown as Line;
    expect(result.sessionId).toBe(session?.sessionId);
    // Two turns: ids and times differ, the shape and everything else does not.
    const steady = (d: Line): Record<string, unknown> => ({
      ...d,
      sessionId: 'id',
      durationMs: 0,
      kiroTimeMs: 0,
      toolCalls: (d.toolCalls as Array<Record<string, unknown>>).map((c) => ({...c, durationMs: 0})),
    });
    expect(Object.keys(result)).toEqual(Object.keys(doc));
    expect(steady(result)).toEqual(steady(doc));
  });

  it.each([
    ['refusal', 'refused', 11],
    ['max_tokens', 'max_tokens', 12],
    ['max_turn_requests', 'max_turn_requests', 13],
    ['cancelled', 'cancelled', 130],
    ['end_turn', 'completed', 0],
  ])('stop reason %s → %s, exit %i', async (stopReason, outcome, exit) => {
    const world = makeWorld();
    const run = await askAcp([`x [[sim:stop=${stopReason}]]`, '--json'], {world});
    expect(run.code).toBe(exit);
    expect(jsonDocument(run)).toMatchObject({outcome, ok: outcome === 'completed'});
  });

  it('--harness v3: the V3 dialect completes with a sess_ id', async () => {
    const world = makeWorld();
    const run = await askAcp(['hi', '--harness', 'v3', '--json'], {world});
    expect(run.code).toBe(0);
    const doc = jsonDocument(run);
    expect(doc).toMatchObject({outcome: 'completed', sessionId: expect.stringMatching(/^sess_/)});
    expect(doc.command.slice(1)).toEqual(['acp', '--agent-engine=v3', '--auth-method=cli']);
  });
});

describe('ask --engine acp: before the turn', () => {
  it('no KIRO_API_KEY and no login: auth_failed at once', async () => {
    const world = makeWorld({KIRO_API_KEY: undefined});
    const started = Date.now();
    const run = await askAcp(['hi', '--json'], {world});
    expect(run.code).toBe(5);
    expect(jsonDocument(run)).toMatchObject({outcome: 'auth_failed'});
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a login whoami accepts but kiro-cli acp refuses: auth_failed, not a hang', async () => {
    const world = makeWorld({KIRO_API_KEY: undefined});
    loginFile(world, {method: 'builder-id', expired: 'login'});
    const run = await askAcp(['hi', '--json'], {world});
    expect(run.code).toBe(5);
    expect(jsonDocument(run)).toMatchObject({
      outcome: 'auth_failed',
      message: expect.stringContaining('You are not logged in'),
    });
    expect(acpRecords(world)).toHaveLength(1);
  });

  it('kiro-cli missing: cli_not_found, exit 6', async () => {
    const world = makeWorld();
    const run = await askAcp(['hi', '--json', '--cli-path', '/nonexistent/kiro-cli'], {world});
    expect(run.code).toBe(6);
    expect(jsonDocument(run)).toMatchObject({outcome: 'cli_not_found'});
  });
});

/** One run of a tool call under the given flags, with what kiro-cli and kiro-x did with it. */
async function shellTurn(world: World, flags: string[]) {
  const run = await askAcp(['x [[sim:shell=ls]]', ...flags], {world});
  const json = flags.includes('--json');
  return {run, doc: json ? jsonDocument(run) : null, calls: acpRecords(world).at(-1)?.toolCalls ?? []};
}

describe('ask --engine acp: permissions', () => {
  it('deny (the default): the tool is refused, the turn goes on, text mode says so on stderr', async () => {
    const world = makeWorld();
    const {run, calls} = await shellTurn(world, []);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('I was not allowed to use the shell tool. You said: x [[sim:shell=ls]]\n');
    expect(run.stderr).toContain('✖ denied shell (ls) — policy\n');
    expect(calls).toEqual([{tool: 'shell', arg: 'ls', status: 'refused'}]);
  });

  it('fail: the first denial ends the turn, permission_denied, exit 14', async () => {
    const world = makeWorld();
    const {run, doc} = await shellTurn(world, ['--permission-mode', 'fail', '--json']);
    expect(run.code).toBe(14);
    expect(doc).toMatchObject({
      ok: false,
      outcome: 'permission_denied',
      permissions: [{...SHELL_LS, decision: 'deny', by: 'policy'}],
    });
  });

  it('ask without a terminal: nobody to ask, so it denies', async () => {
    const world = makeWorld();
    const {run, doc, calls} = await shellTurn(world, ['--permission-mode', 'ask', '--json']);
    expect(run.code).toBe(0);
    expect(doc).toMatchObject({
      outcome: 'completed',
      permissions: [{...SHELL_LS, decision: 'deny', by: 'policy'}],
    });
    expect(calls).toEqual([{tool: 'shell', arg: 'ls', status: 'refused'}]);
  });

  it.each([
    [['--trust-tools', 'shell'], '--trust-tools=shell'],
    [['--trust-all-tools'], '--trust-all-tools'],
  ])('V2 %j: kiro-cli trusts the tool itself and runs it without asking', async (flags, passed) => {
    const world = makeWorld();
    const {run, doc, calls} = await shellTurn(world, [...flags, '--json', '--permission-mode', 'fail']);
    expect(run.code).toBe(0);
    expect(doc).toMatchObject({outcome: 'completed', permissions: [], deniedTools: []});
    expect(doc?.command).toContain(passed);
    expect(calls).toEqual([{tool: 'shell', arg: 'ls', status: 'ran'}]);
  });

  it.each([
    [['--trust-tools', 'shell'], 'trust-tools'],
    [['--trust-all-tools'], 'trust-all'],
  ])('V3 %j: kiro-x answers the request by the trust flag and records it', async (flags, by) => {
    const world = makeWorld();
    const {run, doc, calls} = await shellTurn(world, [
      ...flags,
      '--harness',
      'v3',
      '--permission-mode',
      'fail',
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`✔ allowed shell (ls) — ${by}\n`);
    expect(calls).toEqual([{tool: 'shell', arg: 'ls', status: 'ran'}]);
    const json = await shellTurn(world, [...flags, '--harness', 'v3', '--json']);
    expect(json.doc).toMatchObject({
      outcome: 'completed',
      permissions: [{...SHELL_LS, decision: 'allow', by}],
    });
    expect(doc).toBeNull();
  });
});
