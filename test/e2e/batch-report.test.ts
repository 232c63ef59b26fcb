import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';

import {describe, expect, it} from 'vitest';

import {validateJunit} from '../helpers/validate.js';
import {batchFile, ledger, summaryOf} from './batch-helpers.js';
import {makeWorld, records, runKiroX, type World} from './harness.js';

const chats = (world: World): number =>
  records(world).filter((r) => (r.argv as string[]).includes('--no-interactive')).length;
const NOT_A_LEDGER_STEP =
  '  → name a ledger kiro-x batch wrote (--results; default kiro-x-results.jsonl next to the batch file), not a batch file\n';

describe('kiro-x batch report: nothing to report is never a success', () => {
  it('an empty ledger: the summary, then an error, exit 1; JUnit holds an error, JSON says ok: false', async () => {
    const world = makeWorld();
    batchFile(world, 'empty.jsonl', '');
    const text = await runKiroX(['batch', 'report', 'empty.jsonl'], {world});
    expect([text.code, text.stdout, text.stderr]).toEqual([
      1,
      '0 items: 0 passed, 0 failed, 0 errors, 0 skipped (0 credits, 0ms)\n',
      'error: nothing to report: the ledger holds no records (empty.jsonl)\n',
    ]);
    const json = await runKiroX(['batch', 'report', 'empty.jsonl', '--json'], {world});
    expect(json.code).toBe(1);
    expect(summaryOf(json.stdout)).toMatchObject({ok: false, totals: {items: 0}});
    const junit = await runKiroX(['batch', 'report', 'empty.jsonl', '-o', 'junit', '--junit-file', 'r.xml'], {
      world,
    });
    expect(junit.code).toBe(1);
    expect(await validateJunit(junit.stdout)).toEqual({valid: true, errors: []});
    expect(junit.stdout).toContain('tests="1" failures="0" errors="1"');
    expect(junit.stdout).toContain(
      '<error message="nothing to report: the ledger holds no records (empty.jsonl)" type="empty"/>',
    );
    expect(readFileSync(path.join(world.workspace, 'r.xml'), 'utf8')).toBe(junit.stdout);
  });

  it.each([
    ['a batch file passed by mistake', 'p.jsonl', '{"prompt": "hi"}\n', 1, 'not a kiro-x batch record'],
    ['a text file', 'notes.txt', '\nhello\nworld\n', 2, 'not valid JSON'],
  ])('%s: a usage error naming the file and line, no warnings', async (_name, name, content, line, why) => {
    const world = makeWorld();
    batchFile(world, name, content);
    const run = await runKiroX(['batch', 'report', name], {world});
    expect([run.code, run.stdout, run.stderr]).toEqual([
      2,
      '',
      `error: ${name}:${line}: not a kiro-x ledger: this line is ${why}.\n${NOT_A_LEDGER_STEP}`,
    ]);
  });

  it('a non-ledger among good ledgers is named before anything is reported', async () => {
    const world = makeWorld();
    batchFile(world, 'p.txt', 'one\n');
    expect((await runKiroX(['batch', 'p.txt'], {world})).code).toBe(0);
    batchFile(world, 'p.jsonl', '{"prompt": "hi"}\n');
    const run = await runKiroX(['batch', 'report', 'kiro-x-results.jsonl', 'p.jsonl'], {world});
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('error: p.jsonl:1: not a kiro-x ledger');
  });

  it('a missing ledger says so in words', async () => {
    const world = makeWorld();
    const run = await runKiroX(['batch', 'report', 'gone.jsonl'], {world});
    expect([run.code, run.stderr]).toEqual([
      2,
      'error: Ledger gone.jsonl cannot be read: it does not exist.\n',
    ]);
  });
});

describe('kiro-x batch: ledgers and empty runs', () => {
  it('--results naming a batch file is refused before anything runs, and the file is left as it was', async () => {
    const world = makeWorld();
    batchFile(world, 'p.txt', 'one\n');
    const prompts = batchFile(world, 'p.jsonl', '{"prompt": "hi"}\n');
    const run = await runKiroX(['batch', 'p.txt', '--results', 'p.jsonl'], {world});
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `error: ${prompts}:1: not a kiro-x ledger: this line is not a kiro-x batch record.\n${NOT_A_LEDGER_STEP}`,
    );
    expect(readFileSync(prompts, 'utf8')).toBe('{"prompt": "hi"}\n');
    expect(chats(world)).toBe(0);
  });

  it('a shard with no item is not a success: exit 1 saying why', async () => {
    const world = makeWorld();
    batchFile(world, 'p.txt', 'one\ntwo\n');
    const run = await runKiroX(['batch', 'p.txt', '--shard', '3/3', '-o', 'junit'], {world});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('shard 3/3: 0 of 2 items\n');
    expect(run.stderr).toContain('error: nothing to report: shard 3/3 holds none of the 2 items of p.txt\n');
    expect(await validateJunit(run.stdout)).toEqual({valid: true, errors: []});
    expect(run.stdout).toContain('type="empty"');
    expect(chats(world)).toBe(0);
  });

  it("--resume: the skipped line comes first, progress counts only what runs, the time is this run's", async () => {
    const world = makeWorld();
    batchFile(world, 'r.txt', 'one\ntwo [[sim:exit=1]]\nthree\nfour\n');
    expect((await runKiroX(['batch', 'r.txt', '-j', '1'], {world})).code).toBe(1);
    // The first run "started" a day ago: the summary of the next run must not count that day.
    const file = path.join(world.workspace, 'kiro-x-results.jsonl');
    const dayAgo = new Date(Date.now() - 86_400_000).toISOString();
    writeFileSync(
      file,
      ledger(file)
        .map((record) => `${JSON.stringify({...record, startedAt: dayAgo})}\n`)
        .join(''),
    );
    batchFile(world, 'r.txt', 'one\ntwo\nthree\nfour\n');
    const run = await runKiroX(['batch', 'r.txt', '--resume', '--json'], {world});
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /^results: .*\n--resume: skipped 3 items that already passed\n\[1\/1\] ✔ 2 {2}completed {2}0\.06 credits {2}\S+\n$/,
    );
    const summary = summaryOf(run.stdout);
    expect(summary.totals).toMatchObject({items: 4, passed: 4});
    expect(summary.durationMs).toBeLessThan(3_600_000);
  });
});
