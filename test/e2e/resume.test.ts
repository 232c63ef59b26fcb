import {mkdirSync} from 'node:fs';
import path from 'node:path';

import {describe, expect, test} from 'vitest';

import type {AskResult} from '../../src/lib/ask/result.js';
import {validateAgainst} from './doctor-helpers.js';
import {makeWorld, records, runKiroX, type World} from './harness.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const V3_ID = /^sess_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MISSING = '00000000-0000-4000-8000-000000000000';

/** A world where `ask` looks its session id up (the harness turns the lookup off by default). */
const lookupWorld = (env: Record<string, string | undefined> = {}): World =>
  makeWorld({KIRO_X_NO_SESSION_ID: undefined, ...env});

/** The warnings about the session (kiro-cli's own MCP notice under an API key is not one). */
const sessionWarnings = (result: AskResult): string[] =>
  result.warnings.filter((w) => w.includes('session id') || w.includes('resumed'));

async function askJson(world: World, args: string[], cwd?: string): Promise<AskResult> {
  const run = await runKiroX(['ask', '--json', ...args], {world, ...(cwd ? {cwd} : {})});
  const doc = JSON.parse(run.stdout) as AskResult;
  expect(validateAgainst('ask-result.schema.json', doc)).toEqual([]);
  return doc;
}

const chatArgv = (world: World): string[][] =>
  records(world)
    .map((r) => r.argv as string[])
    .filter((argv) => argv[0] === 'chat');

async function storedPrompts(world: World, id: string): Promise<string[]> {
  const run = await runKiroX(['sessions', 'show', id, '--json'], {world});
  const doc = JSON.parse(run.stdout) as {entries: Array<{kind: string; text?: string}>};
  return doc.entries.filter((e) => e.kind === 'prompt').map((e) => e.text as string);
}

describe('ask session ids, proven from the store', () => {
  test('a new turn reports its session; --resume-id continues it and says resumed: true', async () => {
    const world = lookupWorld();
    const first = await askJson(world, ['remember 42']);
    expect(first).toMatchObject({
      outcome: 'completed',
      sessionId: expect.stringMatching(UUID),
      resumed: null,
    });
    expect(sessionWarnings(first)).toEqual([]);
    const id = first.sessionId as string;

    const second = await askJson(world, ['what did I say?', '--resume-id', id]);
    expect(second).toMatchObject({outcome: 'completed', sessionId: id, resumed: true});
    expect(sessionWarnings(second)).toEqual([]);
    expect(second.command).toContain('--resume-id');
    expect(await storedPrompts(world, id)).toEqual(['remember 42', 'what did I say?']);
    // Only the very first turn, with no store yet, asks kiro-cli for a listing (before the turn).
    expect(chatArgv(world).map((argv) => argv.slice(0, 3))).toEqual([
      ['chat', '--no-interactive', '--list-sessions'],
      ['chat', '--no-interactive', '--wrap'],
      ['chat', '--no-interactive', '--wrap'],
    ]);
  });

  test('--resume continues the latest conversation of the cwd and reports its id', async () => {
    const world = lookupWorld();
    const first = await askJson(world, ['one']);
    const again = await askJson(world, ['two', '--resume']);
    expect([again.outcome, again.sessionId, again.resumed, sessionWarnings(again)]).toEqual([
      'completed',
      first.sessionId,
      true,
      [],
    ]);
    expect(again.command).toContain('--resume');
  });

  test('--resume with no earlier conversation: a new session, resumed: false, said plainly', async () => {
    const world = lookupWorld();
    const result = await askJson(world, ['nothing to resume', '--resume']);
    expect(result).toMatchObject({
      outcome: 'completed',
      ok: true,
      sessionId: expect.stringMatching(UUID),
      resumed: false,
    });
    const sentence = `kiro-cli did not continue the latest conversation of this directory: the turn went to a new session, ${result.sessionId}.`;
    expect(sessionWarnings(result)).toEqual([`conversation NOT resumed: ${sentence}`]);
    expect(result.message.endsWith(` The conversation was NOT resumed: ${sentence}`)).toBe(true);
  });

  test('kiro-cli 2.19.2 ignores --resume-id: the new id is reported with resumed: false, in JSON and on stderr', async () => {
    const world = lookupWorld();
    const first = await askJson(world, ['remember 42']);
    const id = first.sessionId as string;
    const old = {...world, env: {...world.env, KIRO_SIM_VERSION: '2.19.2'}};
    const second = await askJson(old, ['what did I say?', '--resume-id', id]);
    expect(second).toMatchObject({outcome: 'completed', ok: true, resumed: false});
    expect(second.sessionId).toMatch(UUID);
    expect(second.sessionId).not.toBe(id);
    const sentence = `kiro-cli did not continue session ${id}: the turn went to a new session, ${second.sessionId}.`;
    expect(sessionWarnings(second)).toEqual([`conversation NOT resumed: ${sentence}`]);
    expect(second.message).toBe(`${first.message} The conversation was NOT resumed: ${sentence}`);
    expect(await storedPrompts(world, id)).toEqual(['remember 42']);

    const text = await runKiroX(['ask', 'and now?', '--resume-id', id], {world: old});
    expect(text.code).toBe(0);
    expect(text.stdout).toBe('You said: and now?\n');
    expect(text.stderr).toMatch(
      new RegExp(
        `^warning: conversation NOT resumed: kiro-cli did not continue session ${id}: the turn went to a new session, [0-9a-f-]{36}\\.\\n$`,
      ),
    );
  });

  test("subagent sessions are never taken for the turn's own", async () => {
    const world = lookupWorld();
    const result = await askJson(world, ['delegate [[sim:subagent=3]]']);
    expect([result.sessionId, sessionWarnings(result)]).toEqual([expect.stringMatching(UUID), []]);
    const listed = await runKiroX(['sessions', 'list', '--json'], {world});
    expect((JSON.parse(listed.stdout) as {sessions: {id: string; subagents: number}[]}).sessions).toEqual([
      expect.objectContaining({id: result.sessionId, subagents: 3}),
    ]);
    const resumed = await askJson(world, ['go on [[sim:subagent]]', '--resume']);
    expect([resumed.sessionId, resumed.resumed]).toEqual([result.sessionId, true]);
  });

  test('concurrent turns in one directory each get their own session (the one holding their prompt)', async () => {
    const world = lookupWorld();
    await askJson(world, ['make the store']);
    const prompts = ['alpha [[sim:sleep=800]]', 'beta [[sim:sleep=800]]', 'gamma [[sim:sleep=800]]'];
    const results = await Promise.all(prompts.map((p) => askJson(world, [p])));
    const ids = results.map((r) => r.sessionId);
    expect(new Set(ids).size).toBe(3);
    for (const [i, result] of results.entries()) {
      expect(sessionWarnings(result)).toEqual([]);
      expect(await storedPrompts(world, ids[i] as string)).toEqual([prompts[i]]);
    }
  });

  test('the V3 harness: sess_ ids, accepted by --resume-id', async () => {
    const world = lookupWorld({KIRO_SIM_ENGINE: 'v3'});
    const first = await askJson(world, ['on v3']);
    expect(first.sessionId).toMatch(V3_ID);
    const again = await askJson(world, ['still v3', '--resume-id', first.sessionId as string]);
    expect([again.outcome, again.sessionId, again.resumed]).toEqual(['completed', first.sessionId, true]);
  });

  test('--no-session-id looks at nothing: no listing, no sessionId, no resumed', async () => {
    const world = lookupWorld();
    const result = await askJson(world, ['quiet', '--no-session-id']);
    expect([result.outcome, result.sessionId, result.resumed, sessionWarnings(result)]).toEqual([
      'completed',
      null,
      null,
      [],
    ]);
    expect(chatArgv(world).map((argv) => argv[1])).toEqual(['--no-interactive']);
  });

  test('a turn that never started is not followed by a listing', async () => {
    const world = lookupWorld({KIRO_API_KEY: undefined, KIRO_SIM_NO_CREDENTIAL: 'error'});
    const result = await askJson(world, ['no login']);
    expect([result.outcome, result.sessionId, result.resumed]).toEqual(['auth_failed', null, null]);
    expect(chatArgv(world).filter((argv) => argv.includes('--wrap'))).toEqual([]);
  });

  test('a bad --resume-id is a usage error naming the flag; an unknown one fails in kiro-cli, not resumed', async () => {
    const world = lookupWorld();
    const bad = await runKiroX(['ask', 'x', '--resume-id', '../../etc'], {world});
    expect([bad.code, bad.stderr.split('\n')[0]]).toEqual([
      2,
      'error: --resume-id takes a session id (a UUID, or sess_<UUID> for the V3 harness), not "../../etc".',
    ]);
    expect(records(world)).toEqual([]);
    const both = await runKiroX(['ask', 'x', '--resume', '--resume-id', MISSING], {world});
    expect(both.code).toBe(2);
    await askJson(world, ['a store exists']);
    const other = path.join(world.home, 'elsewhere');
    mkdirSync(other);
    const unknown = await askJson(world, ['x', '--resume-id', MISSING], other);
    expect([unknown.outcome, unknown.sessionId, unknown.resumed]).toEqual(['failed', null, false]);
  });
});
