import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {makeWorld, records, runKiroX, type RunResult, type World} from '../e2e/harness.js';

/** Far above the second these runs take; past it the run is killed and the test fails instead of hanging. */
const BOUND_MS = 15_000;

const ran = (world: World): number => records(world).filter((r) => (r.argv as string[])[0] === 'chat').length;

/** Run kiro-x, killing it once the bound has passed; `killed` says whether it had to be. */
async function bounded(args: string[], world: World): Promise<RunResult & {killed: boolean}> {
  let killed = false;
  let timer: NodeJS.Timeout | undefined;
  const result = await runKiroX(args, {
    world,
    onSpawn: (child) => {
      timer = setTimeout(() => {
        killed = true;
        child.kill('SIGKILL');
      }, BOUND_MS);
    },
  });
  clearTimeout(timer);
  return {...result, killed};
}

describe('every path kiro-x creates fails fast, naming the path and saying what is wrong', () => {
  const procDir = 'the file system does not allow creating /proc/kiro-x-nope in /proc';
  it.each([
    [
      'the results ledger',
      ['batch', 'p.txt', '--results', '/proc/kiro-x-nope/r.jsonl'],
      `error: --results /proc/kiro-x-nope/r.jsonl cannot be created: ${procDir}.`,
    ],
    [
      'the ask JUnit file',
      ['ask', 'hi', '--junit-file', '/proc/kiro-x-nope/r.xml'],
      `error: --junit-file /proc/kiro-x-nope/r.xml cannot be created: ${procDir}.`,
    ],
    [
      'the batch JUnit file',
      ['batch', 'p.txt', '--junit-file', '/proc/kiro-x-nope/r.xml'],
      `error: --junit-file /proc/kiro-x-nope/r.xml cannot be created: ${procDir}.`,
    ],
    [
      'the report JUnit file',
      ['batch', 'report', 'r.jsonl', '--junit-file', '/proc/kiro-x-nope/r.xml'],
      `error: --junit-file /proc/kiro-x-nope/r.xml cannot be created: ${procDir}.`,
    ],
    [
      'the doctor JUnit file',
      ['doctor', '--junit-file', '/proc/kiro-x-nope/r.xml'],
      `error: --junit-file /proc/kiro-x-nope/r.xml cannot be created: ${procDir}.`,
    ],
    [
      'a JUnit file straight in /proc',
      ['ask', 'hi', '--junit-file', '/proc/kiro-x-nope.xml'],
      'error: --junit-file /proc/kiro-x-nope.xml cannot be created: the file system does not allow creating /proc/kiro-x-nope.xml in /proc.',
    ],
    [
      'the generated agent profile directory',
      ['ask', 'hi', '--cwd', '/proc', '--system-prompt', 'Be brief.'],
      'error: The agent profile directory /proc/.kiro cannot be created: the file system does not allow creating /proc/.kiro in /proc.',
    ],
  ])('%s under /proc', async (_name, args, message) => {
    const world = makeWorld();
    writeFileSync(path.join(world.workspace, 'p.txt'), 'one\n');
    writeFileSync(path.join(world.workspace, 'r.jsonl'), '');
    const result = await bounded(args, world);
    expect(result.killed).toBe(false);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${message}\n`);
    expect(result.stderr).not.toMatch(/\bE[A-Z]{3,}\b/);
    expect(ran(world)).toBe(0);
  });

  it('the spool directory (TMPDIR) is checked before the turn', async () => {
    const world = makeWorld({TMPDIR: '/proc/kiro-x-nope'});
    const result = await bounded(['ask', 'hi'], world);
    expect(result.killed).toBe(false);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'error: A temporary file in /proc/kiro-x-nope cannot be created: the directory /proc/kiro-x-nope does not exist.\n' +
        '  → set TMPDIR to a writable directory\n',
    );
    expect(ran(world)).toBe(0);
  });

  it('a device given as a ledger is refused instead of read forever', async () => {
    const world = makeWorld();
    const result = await bounded(['batch', 'report', '/dev/zero'], world);
    expect(result.killed).toBe(false);
    expect([result.code, result.stderr]).toEqual([
      2,
      'error: Ledger /dev/zero cannot be read: it is a device, not a file.\n',
    ]);
  });

  it('a path below a file says which part is not a directory (not EEXIST)', async () => {
    const world = makeWorld();
    writeFileSync(path.join(world.workspace, 'p.txt'), 'one\n');
    writeFileSync(path.join(world.workspace, 'reports'), 'a file, not a directory');
    const result = await bounded(['batch', 'p.txt', '--results', 'reports/r.jsonl'], world);
    const file = path.join(world.workspace, 'reports');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `error: --results ${file}/r.jsonl cannot be created: ${file} is not a directory.\n`,
    );
    expect(ran(world)).toBe(0);
  });
});
