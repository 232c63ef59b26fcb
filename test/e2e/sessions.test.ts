import {spawn, spawnSync} from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

import stripAnsi from 'strip-ansi';
import {describe, expect, test} from 'vitest';

import type {SessionShowResult} from '../../src/lib/sessions/show.js';
import type {SessionsListResult} from '../../src/lib/sessions/types.js';
import {validateAgainst} from './doctor-helpers.js';
import {BIN, makeWorld, records, runKiroX, SIM_BIN, waitFor, type World} from './harness.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const V3_ID = /^sess_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const MISSING = '00000000-0000-4000-8000-000000000000';
const hasScript = spawnSync('script', ['--version']).status === 0;
const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** Run one headless turn in `cwd` through kiro-x, as a user would. */
async function turn(world: World, prompt: string, args: string[] = [], cwd = world.workspace): Promise<void> {
  const run = await runKiroX(['ask', prompt, ...args], {world, cwd});
  expect(run.code).toBe(0);
}

const storeDir = (world: World): string => path.join(world.kiroHome, 'sessions', 'cli');

function storeIds(world: World): string[] {
  const dir = storeDir(world);
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => n.endsWith('.jsonl'))
        .map((n) => n.slice(0, -6))
    : [];
}

async function listJson(world: World, args: string[] = []): Promise<SessionsListResult> {
  const run = await runKiroX(['sessions', 'list', '--json', ...args], {world});
  expect([run.code, run.stderr]).toEqual([0, '']);
  const doc = JSON.parse(run.stdout) as SessionsListResult;
  expect(validateAgainst('sessions-list.schema.json', doc)).toEqual([]);
  return doc;
}

async function showJson(world: World, id: string, args: string[] = []): Promise<SessionShowResult> {
  const run = await runKiroX(['sessions', 'show', id, '--json', ...args], {world});
  expect([run.code, run.stderr]).toEqual([0, '']);
  const doc = JSON.parse(run.stdout) as SessionShowResult;
  expect(validateAgainst('sessions-show.schema.json', doc)).toEqual([]);
  return doc;
}

const chatCalls = (world: World): string[][] =>
  records(world)
    .map((r) => r.argv as string[])
    .filter((argv) => argv[0] === 'chat' && !argv.includes('--wrap'));

/** Run a shell command on a pseudo-terminal (stdout is the terminal too); `input` is typed into it. */
function onTerminal(world: World, command: string, input = ''): {status: number | null; screen: string} {
  const run = spawnSync('script', ['-qfec', `stty cols 200 rows 30; ${command}`, '/dev/null'], {
    cwd: world.workspace,
    env: world.env,
    input,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return {status: run.status, screen: stripAnsi(run.stdout).replace(/\r/g, '')};
}

const kiroX = (...args: string[]): string => [process.execPath, BIN, ...args].map(quote).join(' ');

describe('kiro-x sessions list', () => {
  test('reads the store: this cwd only, newest first, header titles and times, event counts; no kiro-cli call', async () => {
    const world = makeWorld();
    const other = path.join(world.home, 'other');
    mkdirSync(other);
    await turn(world, 'first prompt');
    await turn(world, 'second prompt [[sim:shell=ls]]', ['--trust-tools', 'shell']);
    await turn(world, 'elsewhere', [], other);
    const before = records(world).length;
    const doc = await listJson(world);
    expect(doc).toEqual({
      schemaVersion: 1,
      source: 'store',
      cwd: world.workspace,
      sessions: [
        {
          id: expect.stringMatching(UUID),
          engine: 'v2',
          title: 'second prompt [[sim:shell=ls]]',
          messages: 4,
          updatedAt: expect.stringMatching(ISO),
          cwd: world.workspace,
          active: false,
          subagents: 0,
        },
        expect.objectContaining({title: 'first prompt', messages: 2, active: false}),
      ],
    });
    const all = await listJson(world, ['--all']);
    expect([all.source, all.cwd]).toEqual(['store', null]);
    expect(all.sessions.map((s) => s.title)).toEqual([
      'elsewhere',
      'second prompt [[sim:shell=ls]]',
      'first prompt',
    ]);
    const there = await listJson(world, ['--cwd', other]);
    expect(there.sessions.map((s) => s.title)).toEqual(['elsewhere']);
    const link = path.join(world.home, 'link');
    symlinkSync(world.workspace, link);
    expect((await listJson(world, ['--cwd', link])).sessions).toHaveLength(2);
    expect(records(world)).toHaveLength(before);
  });

  test('subagent sessions are never listed; their parent counts them', async () => {
    const world = makeWorld();
    await turn(world, 'split the work [[sim:subagent=2]]');
    expect(storeIds(world)).toHaveLength(3);
    for (const args of [[], ['--all']]) {
      const doc = await listJson(world, args);
      expect(doc.sessions.map((s) => [s.title, s.subagents])).toEqual([
        ['split the work [[sim:subagent=2]]', 2],
      ]);
    }
    // One public measurement saw "subagent" as the created reason of every session: only the parent link counts.
    const everywhere = makeWorld({KIRO_SIM_CREATED_REASON: 'always-subagent'});
    await turn(everywhere, 'top [[sim:subagent]]');
    expect((await listJson(everywhere)).sessions.map((s) => [s.title, s.subagents])).toEqual([
      ['top [[sim:subagent]]', 1],
    ]);
  });

  test('a lock held by a live kiro-cli is active; one left by a killed process is not', async () => {
    const world = makeWorld();
    await turn(world, 'finished');
    const live = spawn(path.join(SIM_BIN, 'kiro-cli'), ['chat', '--no-interactive', 'working [[sim:hang]]'], {
      cwd: world.workspace,
      env: world.env,
      detached: true,
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => live.on('exit', resolve));
    try {
      expect(await waitFor(() => readdirSync(storeDir(world)).some((n) => n.endsWith('.lock')))).toBe(true);
      expect(await waitFor(() => storeIds(world).length === 2)).toBe(true);
      const doc = await listJson(world);
      expect(doc.sessions.map((s) => [s.title, s.active])).toEqual([
        ['working [[sim:hang]]', true],
        ['finished', false],
      ]);
      const text = await runKiroX(['sessions', 'list'], {world});
      expect(text.stdout.split('\n')[1]?.split(/\s{2,}/)).toEqual([
        'ID',
        'UPDATED',
        'MSGS',
        'ACTIVE',
        'TITLE',
      ]);
      expect(text.stdout.split('\n')[2]).toMatch(/ {2}yes +working \[\[sim:hang\]\]$/);
    } finally {
      process.kill(-(live.pid as number), 'SIGKILL');
    }
    await exited;
    expect(readdirSync(storeDir(world)).filter((n) => n.endsWith('.lock'))).toHaveLength(1);
    expect((await listJson(world)).sessions.map((s) => s.active)).toEqual([false, false]);
  });

  test("the V3 harness's bucketed sessions are listed too, with sess_ ids", async () => {
    const world = makeWorld({KIRO_SIM_ENGINE: 'v3'});
    await turn(world, 'on v3');
    const doc = await listJson(world);
    expect(doc.sessions).toEqual([
      {
        id: expect.stringMatching(V3_ID),
        engine: 'v3',
        title: 'on v3',
        messages: 2,
        updatedAt: expect.stringMatching(ISO),
        cwd: world.workspace,
        active: null,
        subagents: 0,
      },
    ]);
  });

  test('with no store yet it asks kiro-cli, always with --no-interactive; builds without -f give the plain list', async () => {
    const world = makeWorld();
    const empty = await runKiroX(['sessions', 'list'], {world});
    expect([empty.code, empty.stdout]).toEqual([0, `No sessions for ${world.workspace}.\n`]);
    expect(chatCalls(world)).toEqual([['chat', '--no-interactive', '--list-sessions', '-f', 'json']]);
    const onStderr = makeWorld({KIRO_SIM_LIST_JSON_STREAM: 'stderr'});
    expect((await listJson(onStderr)).source).toBe('json');
    const old = makeWorld({KIRO_SIM_VERSION: '2.1.0'});
    expect((await listJson(old)).source).toBe('plain');
    expect(chatCalls(old).map((argv) => argv.slice(0, 3))).toEqual([
      ['chat', '--no-interactive', '--list-sessions'],
      ['chat', '--no-interactive', '--list-sessions'],
    ]);
    const missing = await runKiroX(['sessions', 'list', '--cli-path', '/nowhere/kiro-cli'], {world});
    expect(missing.code).toBe(6);
  });

  test('never starts a login: without a credential it reads the store, or kiro-cli fails at once (exit 5)', async () => {
    const world = makeWorld({KIRO_API_KEY: undefined});
    const run = await runKiroX(['sessions', 'list'], {world});
    expect(run.code).toBe(5);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'error: kiro-cli --list-sessions needs a login: Not logged in. Set the KIRO_API_KEY environment variable or run `kiro-cli login` first.\n' +
        '  → set KIRO_API_KEY or run `kiro-cli login`, then `kiro-x doctor`\n',
    );
    const json = await runKiroX(['sessions', 'list', '--json'], {world});
    expect(JSON.parse(json.stdout)).toMatchObject({ok: false, outcome: 'auth_failed'});
    await runKiroX(['ask', 'made with a key'], {
      world: {...world, env: {...world.env, KIRO_API_KEY: 'ksk_a'}},
    });
    const stored = await listJson(world);
    expect(stored.sessions.map((s) => s.title)).toEqual(['made with a key']);
  });

  test('text: relative times on a terminal, ISO to the second in a pipe', async () => {
    const world = makeWorld();
    await turn(world, 'tabled');
    const piped = await runKiroX(['sessions', 'list'], {world});
    const lines = piped.stdout.split('\n');
    expect(lines[0]).toBe(`Sessions for ${world.workspace}, newest first:`);
    expect(lines[1]?.split(/\s+/)).toEqual(['ID', 'UPDATED', 'MSGS', 'TITLE']);
    expect(lines[2]).toMatch(/^[0-9a-f-]{36} {2}\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ {2}2 {5}tabled$/);
    if (!hasScript) return;
    const tty = onTerminal(world, kiroX('sessions', 'list'));
    expect(tty.status).toBe(0);
    expect(tty.screen.split('\n')[2]).toMatch(/^[0-9a-f-]{36} {2}(just now|\d+ seconds? ago) +2 {5}tabled$/);
  });

  test('--cwd and --all together are a usage error', async () => {
    const run = await runKiroX(['sessions', 'list', '--all', '--cwd', '.'], {world: makeWorld()});
    expect(run.code).toBe(2);
  });
});

describe('kiro-x sessions show', () => {
  test('prompts, answers, tool calls paired with their results; thinking only with --thinking', async () => {
    const world = makeWorld();
    await turn(world, 'do it [[sim:shell=ls]][[sim:thinking=Let me think.]]', ['--trust-tools', 'shell']);
    const [id] = storeIds(world) as [string];
    const text = await runKiroX(['sessions', 'show', id], {world});
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n').slice(0, 2)).toEqual([
      `Session ${id}: do it [[sim:shell=ls]][[sim:thinking=Let me think.]]`,
      expect.stringMatching(
        new RegExp(`^cwd: ${world.workspace} {3}updated: \\S+Z {3}model: auto {3}credits: 0\\.06$`),
      ),
    ]);
    expect(text.stdout.split('\n').slice(3)).toEqual([
      'you> do it [[sim:shell=ls]][[sim:thinking=Let me think.]]',
      '  tool shell: Run the command the user asked for — $ ls [success]',
      '      simulated output of the command',
      'kiro> You said: do it [[sim:shell=ls]][[sim:thinking=Let me think.]]',
      '',
    ]);
    const doc = await showJson(world, id);
    expect(doc).toMatchObject({
      id,
      engine: 'v2',
      cwd: world.workspace,
      parentId: null,
      active: false,
      model: 'auto',
      credits: 0.06,
      messages: 4,
      children: [],
    });
    expect(doc.entries).toEqual([
      {
        kind: 'prompt',
        text: 'do it [[sim:shell=ls]][[sim:thinking=Let me think.]]',
        at: expect.stringMatching(ISO),
        cancelled: false,
      },
      {
        kind: 'tool',
        id: expect.stringMatching(/^tooluse_/),
        name: 'shell',
        purpose: 'Run the command the user asked for',
        command: 'ls',
        status: 'success',
        output: 'simulated output of the command\n',
        outputTruncated: false,
      },
      {kind: 'answer', text: 'You said: do it [[sim:shell=ls]][[sim:thinking=Let me think.]]'},
    ]);
    const thinking = await showJson(world, id, ['--thinking']);
    expect(thinking.entries.map((e) => e.kind)).toEqual(['prompt', 'tool', 'thinking', 'answer']);
    const thinkingText = await runKiroX(['sessions', 'show', id, '--thinking'], {world});
    expect(thinkingText.stdout).toContain('\n  (thinking) Let me think.\n');
  });

  test('a refused tool shows as an error; a clear leaves the conversation after it', async () => {
    const world = makeWorld();
    await turn(world, 'first');
    const [id] = storeIds(world) as [string];
    await turn(world, '[[sim:clear]] after the clear [[sim:shell=rm x]]', ['--resume']);
    const doc = await showJson(world, id);
    expect(doc.entries.map((e) => e.kind)).toEqual(['cleared', 'prompt', 'tool', 'answer']);
    expect(doc.entries[0]).toEqual({kind: 'cleared', dropped: 2});
    expect(doc.entries[2]).toMatchObject({name: 'shell', command: 'rm x', status: 'error'});
    expect(doc.messages).toBe(4);
    expect((await listJson(world)).sessions[0]?.messages).toBe(4);
    const text = await runKiroX(['sessions', 'show', id], {world});
    expect(text.stdout).toContain('\n--- conversation cleared (2 earlier entries not shown) ---\nyou> ');
  });

  test("lists a session's subagent sessions; a subagent's session names its parent", async () => {
    const world = makeWorld();
    await turn(world, 'delegate [[sim:subagent=2]]');
    const [top] = (await listJson(world)).sessions;
    const doc = await showJson(world, top?.id as string);
    expect(doc.children).toEqual([
      {
        id: expect.stringMatching(UUID),
        title: 'Subagent task 2 of 2',
        updatedAt: expect.stringMatching(ISO),
        messages: 2,
      },
      {
        id: expect.stringMatching(UUID),
        title: 'Subagent task 1 of 2',
        updatedAt: expect.stringMatching(ISO),
        messages: 2,
      },
    ]);
    const child = await showJson(world, doc.children[0]?.id as string);
    expect([child.parentId, child.children]).toEqual([top?.id, []]);
    const text = await runKiroX(['sessions', 'show', top?.id as string], {world});
    expect(text.stdout).toMatch(
      /\nSubagent sessions:\n {2}[0-9a-f-]{36} {2}2 msgs {2}Subagent task 2 of 2\n/,
    );
  });

  test('reads V3 sessions by their sess_ id', async () => {
    const world = makeWorld({KIRO_SIM_ENGINE: 'v3'});
    await turn(world, 'v3 tools [[sim:shell=pwd]]', ['--trust-tools', 'shell']);
    const [session] = (await listJson(world)).sessions;
    const doc = await showJson(world, session?.id as string);
    expect(doc).toMatchObject({engine: 'v3', active: null, cwd: world.workspace, model: 'auto'});
    expect(doc.entries).toEqual([
      {kind: 'prompt', text: 'v3 tools [[sim:shell=pwd]]', at: expect.stringMatching(ISO), cancelled: false},
      expect.objectContaining({kind: 'tool', name: 'shell', command: 'pwd', status: 'success'}),
      {kind: 'answer', text: 'You said: v3 tools [[sim:shell=pwd]]'},
    ]);
  });

  test('the prompt history file is never read: a secret in it appears in no output', async () => {
    const world = makeWorld();
    await turn(world, 'harmless [[sim:subagent]]');
    const [top] = (await listJson(world)).sessions;
    const id = top?.id as string;
    const secret = 'ksk_PASTED_BY_MISTAKE_0123456789';
    appendFileSync(path.join(storeDir(world), `${id}.history`), `${secret}\n`);
    const runs = await Promise.all(
      [
        ['sessions', 'list'],
        ['sessions', 'list', '--json'],
        ['sessions', 'list', '--all', '--json'],
        ['sessions', 'show', id],
        ['sessions', 'show', id, '--json', '--thinking'],
      ].map((args) => runKiroX(args, {world})),
    );
    for (const run of runs) {
      expect(run.code).toBe(0);
      expect(`${run.stdout}${run.stderr}`).not.toContain(secret);
    }
  });

  test('bad ids are usage errors (exit 2); an unknown id and a missing store are failures (exit 1)', async () => {
    const world = makeWorld();
    for (const bad of ['../../etc/passwd', 'not-a-uuid', `${MISSING}/x`, `sess_../${MISSING}`]) {
      const run = await runKiroX(['sessions', 'show', bad], {world});
      expect([run.code, run.stderr.split('\n')[0]]).toEqual([
        2,
        `error: ID takes a session id (a UUID, or sess_<UUID> for the V3 harness), not ${JSON.stringify(bad)}.`,
      ]);
    }
    const sessions = path.join(world.kiroHome, 'sessions');
    const none = await runKiroX(['sessions', 'show', MISSING], {world});
    expect([none.code, none.stderr.split('\n')[0]]).toEqual([
      1,
      `error: No session store at ${sessions} (KIRO_HOME=${world.kiroHome}).`,
    ]);
    const v1 = path.join(world.home, '.local', 'share', 'kiro-cli');
    mkdirSync(v1, {recursive: true});
    writeFileSync(path.join(v1, 'data.sqlite3'), '');
    const old = await runKiroX(['sessions', 'show', MISSING], {world});
    expect(old.code).toBe(1);
    expect(old.stderr).toContain("this kiro-cli keeps sessions in the V1 engine's SQLite store");
    await turn(world, 'exists');
    for (const id of [MISSING, `sess_${MISSING}`]) {
      const unknown = await runKiroX(['sessions', 'show', id], {world});
      expect([unknown.code, unknown.stderr.split('\n')[0]]).toEqual([
        1,
        `error: No session ${id} in ${sessions}.`,
      ]);
    }
  });

  test('a store file that is a symlink out of the store is not followed', async () => {
    const world = makeWorld();
    await turn(world, 'exists');
    const outside = path.join(world.home, 'secret.jsonl');
    writeFileSync(
      outside,
      '{"version":"v1","kind":"Prompt","data":{"content":[{"kind":"text","data":"secret"}]}}\n',
    );
    symlinkSync(outside, path.join(storeDir(world), `${MISSING}.jsonl`));
    const run = await runKiroX(['sessions', 'show', MISSING], {world});
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('secret');
    expect((await listJson(world)).sessions.map((s) => s.title)).toEqual(['exists']);
  });
});

describe('kiro-x sessions delete', () => {
  test('--yes deletes through kiro-cli --no-interactive and reports per id; an unknown id is not found (exit 1)', async () => {
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
    expect(chatCalls(world)).toEqual([
      ['chat', '--no-interactive', '--delete-session', id],
      ['chat', '--no-interactive', '--delete-session', MISSING],
    ]);
  });

  test("kiro-cli's false 'not found' after a real delete is reported as deleted; V3 ids are deleted too", async () => {
    const world = makeWorld({KIRO_SIM_DELETE_LIES: '1'});
    await turn(world, 'one');
    const [id] = storeIds(world) as [string];
    const run = await runKiroX(['sessions', 'delete', id, '--yes'], {world});
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `deleted  ${id}  Deleted (kiro-cli said "error: Session ${id} not found", but the session is gone).\n`,
    );
    const v3 = makeWorld({KIRO_SIM_ENGINE: 'v3'});
    await turn(v3, 'three');
    const [session] = (await listJson(v3)).sessions;
    const deleted = await runKiroX(['sessions', 'delete', session?.id as string, '--yes'], {world: v3});
    expect([deleted.code, deleted.stdout]).toEqual([
      0,
      `deleted  ${session?.id}  Deleted session ${session?.id}\n`,
    ]);
    expect((await listJson(v3)).sessions).toEqual([]);
  });

  test('not logged in: exit 5 at once, nothing deleted', async () => {
    const world = makeWorld();
    await turn(world, 'keep');
    const [id] = storeIds(world) as [string];
    const run = await runKiroX(['sessions', 'delete', id, '--yes'], {
      world: {...world, env: {...world.env, KIRO_API_KEY: undefined}},
    });
    expect(run.code).toBe(5);
    expect(run.stderr.split('\n')[0]).toBe(
      'error: kiro-cli --delete-session needs a login: Not logged in. Set the KIRO_API_KEY environment variable or run `kiro-cli login` first.',
    );
    expect(storeIds(world)).toEqual([id]);
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
    expect(bad.stderr.split('\n')[0]).toBe(
      'error: ID takes a session id (a UUID, or sess_<UUID> for the V3 harness), not "../x".',
    );
    expect(storeIds(world)).toEqual([id]);
    expect(chatCalls(world)).toEqual([]);
    const none = await runKiroX(['sessions', 'delete', '--yes'], {world});
    expect(none.code).toBe(2);
  });

  test.skipIf(!hasScript)('on a terminal it asks: "n" keeps everything (exit 1), "y" deletes', async () => {
    const world = makeWorld();
    await turn(world, 'maybe');
    const [id] = storeIds(world) as [string];
    const out = path.join(world.home, 'out.json');
    const declined = onTerminal(world, `${kiroX('sessions', 'delete', id, '--json')} > ${quote(out)}`, 'n\n');
    expect(declined.status).toBe(1);
    expect(declined.screen).toContain(`Delete 1 session: ${id}? [y/N] `);
    expect(declined.screen).toContain('Nothing deleted.\n');
    const doc = JSON.parse(readFileSync(out, 'utf8')) as unknown;
    expect(validateAgainst('sessions-delete.schema.json', doc)).toEqual([]);
    expect(doc).toEqual({
      schemaVersion: 1,
      ok: false,
      results: [{id, status: 'kept', message: 'Not deleted: the confirmation was declined.'}],
    });
    expect(storeIds(world)).toEqual([id]);
    const accepted = onTerminal(world, kiroX('sessions', 'delete', id), 'y\n');
    expect(accepted.status).toBe(0);
    expect(accepted.screen).toContain(`deleted  ${id}  Deleted session ${id}`);
    expect(storeIds(world)).toEqual([]);
  });
});

describe('sessions help', () => {
  test('each command lists its own exit codes; delete shows its ID argument', async () => {
    const world = makeWorld();
    const help = async (cmd: string): Promise<string> =>
      (await runKiroX(['sessions', cmd, '--help'], {world})).stdout.replace(/\s+/g, ' ');
    const list = await help('list');
    const show = await help('show');
    const del = await help('delete');
    expect(list).toContain('Exit codes: 0 listed (also when there are none), 1 kiro-cli failed to list');
    expect(show).toContain('Exit codes: 0 shown, 1 no such session or no session store, 2 usage error');
    for (const text of [list, show]) expect(text).not.toMatch(/delete failed|--yes without|declined/);
    expect(del).toContain('$ kiro-x sessions delete ID... [--cwd <value>] [-y]');
    expect(del).toContain('1 some id not deleted (not found, failed, or the confirmation declined)');
  });
});
