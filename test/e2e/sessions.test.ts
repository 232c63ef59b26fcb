import {existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';

import {describe, expect, test} from 'vitest';

import type {SessionsListResult} from '../../src/lib/sessions/types.js';
import {validateAgainst} from './doctor-helpers.js';
import {makeWorld, records, runKiroX, type World} from './harness.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MISSING = '00000000-0000-4000-8000-000000000000';

/** Run one headless turn in `cwd` with the simulator, as a user would outside kiro-x. */
async function turn(world: World, prompt: string, cwd = world.workspace): Promise<void> {
  const run = await runKiroX(['ask', prompt], {world, cwd});
  expect(run.code).toBe(0);
}

function storeIds(world: World): string[] {
  const dir = path.join(world.kiroHome, 'sessions', 'cli');
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => n.endsWith('.jsonl'))
        .map((n) => n.slice(0, -6))
    : [];
}

async function listJson(world: World, args: string[] = []): Promise<SessionsListResult> {
  const run = await runKiroX(['sessions', 'list', '--json', ...args], {world});
  expect(run.code).toBe(0);
  const doc = JSON.parse(run.stdout) as SessionsListResult;
  expect(validateAgainst('sessions-list.schema.json', doc)).toEqual([]);
  return doc;
}

describe('kiro-x sessions list', () => {
  test('JSON from stdout, newest first, only this cwd, with message counts from the store', async () => {
    const world = makeWorld();
    const other = path.join(world.home, 'other');
    mkdirSync(other);
    await turn(world, 'first prompt');
    await turn(world, 'second prompt');
    await turn(world, 'elsewhere', other);
    const doc = await listJson(world);
    expect(doc.source).toBe('json');
    expect(doc.cwd).toBe(world.workspace);
    expect(doc.sessions.map((s) => [s.title, s.messages, s.cwd])).toEqual([
      ['second prompt', 2, world.workspace],
      ['first prompt', 2, world.workspace],
    ]);
    expect(doc.sessions.every((s) => UUID.test(s.id) && s.updatedAt !== null)).toBe(true);
    const listCalls = records(world).filter((r) => (r.argv as string[]).includes('--list-sessions'));
    expect(listCalls.at(-1)?.argv).toEqual(['chat', '--list-sessions', '-f', 'json']);

    const all = await listJson(world, ['--all']);
    expect(all.source).toBe('store');
    expect(all.cwd).toBeNull();
    expect(all.sessions.map((s) => s.title)).toEqual(['elsewhere', 'second prompt', 'first prompt']);

    const there = await listJson(world, ['--cwd', other]);
    expect(there.sessions.map((s) => s.title)).toEqual(['elsewhere']);
  });

  test('JSON on stderr is read too', async () => {
    const world = makeWorld({KIRO_SIM_LIST_JSON_STREAM: 'stderr'});
    await turn(world, 'hello');
    const doc = await listJson(world);
    expect([doc.source, doc.sessions.map((s) => s.title)]).toEqual(['json', ['hello']]);
  });

  test('a kiro-cli older than 2.2 (no -f) falls back to the plain list', async () => {
    const world = makeWorld({KIRO_SIM_VERSION: '2.1.0'});
    await turn(world, 'old | style');
    const doc = await listJson(world);
    expect(doc.source).toBe('plain');
    expect(doc.sessions.map((s) => [s.title, s.messages, s.updatedAt])).toEqual([['old | style', 2, null]]);
  });

  test('text: a table; nothing saved says so; no kiro-cli exits 6', async () => {
    const world = makeWorld();
    const empty = await runKiroX(['sessions', 'list'], {world});
    expect([empty.code, empty.stdout]).toEqual([0, `No sessions for ${world.workspace}.\n`]);
    await turn(world, 'tabled');
    const run = await runKiroX(['sessions', 'list'], {world});
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`Sessions for ${world.workspace}, newest first:`);
    expect(lines[1]?.split(/\s+/)).toEqual(['ID', 'UPDATED', 'MSGS', 'TITLE']);
    expect(lines[2]).toMatch(/^[0-9a-f-]{36} {2}\S+Z {2}2 {5}tabled$/);
    const missing = await runKiroX(['sessions', 'list', '--cli-path', '/nowhere/kiro-cli'], {world});
    expect(missing.code).toBe(6);
  });

  test('--cwd and --all together are a usage error', async () => {
    const world = makeWorld();
    const run = await runKiroX(['sessions', 'list', '--all', '--cwd', '.'], {world});
    expect(run.code).toBe(2);
  });
});

describe('kiro-x sessions show', () => {
  test('prints prompts, answers and tool calls in order; --json has the entries', async () => {
    const world = makeWorld();
    await turn(world, 'do it [[sim:shell=ls]]');
    const [id] = storeIds(world);
    const run = await runKiroX(['sessions', 'show', id as string], {world});
    expect(run.code).toBe(0);
    const json = await runKiroX(['sessions', 'show', id as string, '--json'], {world});
    const doc = JSON.parse(json.stdout) as {id: string; entries: Array<{kind: string}>; cwd: string};
    expect(validateAgainst('sessions-show.schema.json', doc)).toEqual([]);
    expect(doc.id).toBe(id);
    expect(doc.cwd).toBe(world.workspace);
    expect(doc.entries.map((e) => e.kind)).toEqual(['prompt', 'tool', 'answer']);
    expect(run.stdout.split('\n').slice(3)).toEqual([
      'you> do it [[sim:shell=ls]]',
      expect.stringMatching(/^ {2}tool shell: /),
      'kiro> You said: do it [[sim:shell=ls]]',
      '',
    ]);
  });

  test('bad ids are usage errors (exit 2); an unknown id and a missing store are failures (exit 1)', async () => {
    const world = makeWorld();
    for (const bad of ['../../etc/passwd', 'not-a-uuid', `${MISSING}/x`]) {
      const run = await runKiroX(['sessions', 'show', bad], {world});
      expect([run.code, run.stderr.split('\n')[0]]).toEqual([
        2,
        `error: ID takes a session id (a UUID), not ${JSON.stringify(bad)}.`,
      ]);
    }
    const none = await runKiroX(['sessions', 'show', MISSING], {world});
    expect([none.code, none.stderr.split('\n')[0]]).toEqual([
      1,
      `error: No session store at ${path.join(world.kiroHome, 'sessions', 'cli')} (KIRO_HOME=${world.kiroHome}).`,
    ]);
    const v1 = path.join(world.home, '.local', 'share', 'kiro-cli');
    mkdirSync(v1, {recursive: true});
    writeFileSync(path.join(v1, 'data.sqlite3'), '');
    const old = await runKiroX(['sessions', 'show', MISSING], {world});
    expect(old.code).toBe(1);
    expect(old.stderr).toContain("this kiro-cli keeps sessions in the V1 engine's SQLite store");
    await turn(world, 'exists');
    const unknown = await runKiroX(['sessions', 'show', MISSING], {world});
    expect([unknown.code, unknown.stderr.split('\n')[0]]).toEqual([
      1,
      `error: No session ${MISSING} in ${path.join(world.kiroHome, 'sessions', 'cli')}.`,
    ]);
  });

  test('a store file that is a symlink out of the store is not followed', async () => {
    const world = makeWorld();
    await turn(world, 'exists');
    const dir = path.join(world.kiroHome, 'sessions', 'cli');
    const outside = path.join(world.home, 'secret.jsonl');
    writeFileSync(outside, '{"version":"v1","kind":"Prompt","data":{"text":"secret"}}\n');
    symlinkSync(outside, path.join(dir, `${MISSING}.jsonl`));
    const run = await runKiroX(['sessions', 'show', MISSING], {world});
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('secret');
  });
});

describe('kiro-x sessions delete', () => {
  test('--yes deletes and reports per id; an unknown id is not found (exit 1)', async () => {
    const world = makeWorld();
    await turn(world, 'one');
    const [id] = storeIds(world) as [string];
    const run = await runKiroX(['sessions', 'delete', id, MISSING, '--yes', '--json'], {world});
    expect(run.code).toBe(1);
    expect(validateAgainst('sessions-delete.schema.json', JSON.parse(run.stdout))).toEqual([]);
    expect(JSON.parse(run.stdout)).toEqual({
      schemaVersion: 1,
      ok: false,
      results: [
        {id, status: 'deleted', message: `Deleted session ${id}`},
        {id: MISSING, status: 'not-found', message: `error: Session ${MISSING} not found`},
      ],
    });
    expect(storeIds(world)).toEqual([]);
  });

  test("kiro-cli's false 'not found' after a real delete is reported as deleted", async () => {
    const world = makeWorld({KIRO_SIM_DELETE_LIES: '1'});
    await turn(world, 'one');
    const [id] = storeIds(world) as [string];
    const run = await runKiroX(['sessions', 'delete', id, '--yes'], {world});
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `deleted  ${id}  Deleted (kiro-cli said "error: Session ${id} not found", but the session is gone).\n`,
    );
  });

  test('without a TTY and without --yes it refuses (exit 2) and deletes nothing; bad ids exit 2 first', async () => {
    const world = makeWorld();
    await turn(world, 'keep me');
    const [id] = storeIds(world) as [string];
    const refused = await runKiroX(['sessions', 'delete', id], {world});
    expect([refused.code, refused.stderr.split('\n')[0]]).toEqual([
      2,
      'error: Refusing to delete sessions without --yes: stdin is not a terminal to ask on.',
    ]);
    const bad = await runKiroX(['sessions', 'delete', id, '../x', '--yes'], {world});
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe('error: ID takes a session id (a UUID), not "../x".');
    expect(storeIds(world)).toEqual([id]);
    expect(records(world).some((r) => (r.argv as string[]).includes('--delete-session'))).toBe(false);
    const none = await runKiroX(['sessions', 'delete', '--yes'], {world});
    expect(none.code).toBe(2);
  });
});
