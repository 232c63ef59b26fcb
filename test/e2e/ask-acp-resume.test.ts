import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import type {AskResult} from '../../src/lib/ask/result.js';
import {acpRecords, askAcp, jsonDocument, storeDir} from './acp-helpers.js';
import {makeWorld, removeWorlds, type World} from './harness.js';

afterAll(removeWorlds);

const MISSING = '00000000-0000-4000-8000-000000000000';

/** One ACP turn with `--json`, its exit code and document. */
async function turn(
  world: World,
  args: string[],
  cwd?: string,
): Promise<{code: number | null; doc: AskResult}> {
  const run = await askAcp([...args, '--json'], {world, ...(cwd === undefined ? {} : {cwd})});
  return {code: run.code, doc: jsonDocument(run)};
}

/** The world's first conversation: one completed turn, its session id. */
async function firstSession(world: World): Promise<string> {
  const {code, doc} = await turn(world, ['remember 42']);
  expect(code).toBe(0);
  return doc.sessionId as string;
}

const storeFiles = (world: World): string[] => readdirSync(storeDir(world)).sort();
const lockFile = (world: World, id: string): string => path.join(storeDir(world), `${id}.lock`);

/** A pid no process has any more. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

describe('ask --engine acp: resuming a conversation', () => {
  it('--resume-id of a real session continues it: same id, resumed: true, one prompt more', async () => {
    const world = makeWorld();
    const id = await firstSession(world);
    const {code, doc} = await turn(world, ['what did I say?', '--resume-id', id]);
    expect(code).toBe(0);
    expect(doc).toMatchObject({outcome: 'completed', sessionId: id, resumed: true});
    expect(acpRecords(world).map((r) => [r.sessionId, r.prompt])).toEqual([
      [id, 'remember 42'],
      [id, 'what did I say?'],
    ]);
  });

  it('--resume continues the latest conversation of the directory', async () => {
    const world = makeWorld();
    const id = await firstSession(world);
    const {code, doc} = await turn(world, ['and now?', '--resume']);
    expect(code).toBe(0);
    expect(doc).toMatchObject({outcome: 'completed', sessionId: id, resumed: true});
  });

  it.each([
    ['kiro-cli exits without an answer (2.x)', {}],
    ['kiro-cli answers an error', {KIRO_SIM_ACP_LOAD_UNKNOWN: 'error'}],
  ])('an unknown id: resume_failed, exit 15, no new session (%s)', async (_name, env) => {
    const world = makeWorld(env);
    await firstSession(world);
    const before = storeFiles(world);
    const {code, doc} = await turn(world, ['hello?', '--resume-id', MISSING]);
    expect(code).toBe(15);
    expect(doc).toMatchObject({
      outcome: 'resume_failed',
      resumed: false,
      message: expect.stringContaining(MISSING),
    });
    expect(storeFiles(world)).toEqual(before);
    expect(acpRecords(world).at(-1)?.prompt).toBeNull();
  });

  it('a stale lock of a dead pid is removed and the session loads', async () => {
    const world = makeWorld();
    const id = await firstSession(world);
    const pid = deadPid();
    writeFileSync(lockFile(world, id), JSON.stringify({pid, started_at: '2025-01-01T00:00:00Z'}));
    const {code, doc} = await turn(world, ['still there?', '--resume-id', id]);
    expect(code).toBe(0);
    expect(doc).toMatchObject({outcome: 'completed', sessionId: id, resumed: true});
    expect(existsSync(lockFile(world, id))).toBe(false);
  });

  it('a lock of a live pid is left alone: resume_failed naming the pid', async () => {
    const world = makeWorld();
    const id = await firstSession(world);
    const lock = JSON.stringify({pid: process.pid, started_at: '2025-01-01T00:00:00Z'});
    writeFileSync(lockFile(world, id), lock);
    const {code, doc} = await turn(world, ['still there?', '--resume-id', id]);
    expect(code).toBe(15);
    expect(doc).toMatchObject({
      outcome: 'resume_failed',
      message: `Session ${id} is in use by another kiro-cli process (PID ${process.pid}); end it or wait for it to finish.`,
    });
    expect(existsSync(lockFile(world, id))).toBe(true);
  });

  it('--resume with no conversation in the directory: resume_failed before kiro-cli starts', async () => {
    const world = makeWorld();
    await firstSession(world);
    const elsewhere = path.join(world.workspace, 'elsewhere');
    mkdirSync(elsewhere);
    const {code, doc} = await turn(world, ['hi', '--resume'], elsewhere);
    expect(code).toBe(15);
    expect(doc).toMatchObject({outcome: 'resume_failed', message: expect.stringContaining(elsewhere)});
    expect(acpRecords(world)).toHaveLength(1);
  });

  it('--harness v3 resumes a sess_ id in the V3 dialect', async () => {
    const world = makeWorld();
    const first = await turn(world, ['remember 42', '--harness', 'v3']);
    const id = first.doc.sessionId as string;
    expect(id).toMatch(/^sess_/);
    const {code, doc} = await turn(world, ['what?', '--harness', 'v3', '--resume-id', id]);
    expect(code).toBe(0);
    expect(doc).toMatchObject({outcome: 'completed', sessionId: id, resumed: true});
  });
});
