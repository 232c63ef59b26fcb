import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';

import stripAnsi from 'strip-ansi';
import {describe, expect, it} from 'vitest';

import {MARKS} from '../../src/lib/output/marks.js';
import {BIN, makeWorld} from './harness.js';
import {batchFile} from './batch-helpers.js';

const hasScript = spawnSync('script', ['--version']).status === 0;
const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
// Cursor moves, erases and colours gone, what is left is the text of the rows.
const plain = (s: string): string => stripAnsi(s).replace(/\r/g, '');

describe.skipIf(!hasScript)('kiro-x batch on a terminal', () => {
  it('draws listr2 rows on stderr and keeps stdout to the summary', () => {
    const world = makeWorld();
    batchFile(world, 'p.txt', '[[sim:sleep=2500]] a\n[[sim:sleep=2500]] b\n[[sim:sleep=2500]] c\n');
    const out = path.join(world.workspace, 'stdout.txt');
    // stderr stays on the pseudo-terminal (the script's output); stdout goes to a file. A pty made without a
    // terminal has 0 rows and columns, which hides every row, so give it a size first.
    const command = `stty cols 100 rows 30; ${quote(process.execPath)} ${quote(BIN)} batch p.txt -j 3 > ${quote(out)}`;
    const run = spawnSync('script', ['-qfec', command, '/dev/null'], {
      cwd: world.workspace,
      env: world.env,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(
      /^3 items: 3 passed, 0 failed, 0 errors, 0 skipped \([^)\n]*\)\n$/,
    );
    const screen = plain(run.stdout);
    // A running row: spinner, id, elapsed in whole seconds: `0s` at first (never `0ms`), then each second in
    // step with the clock (a 2.5 s turn shows 1s and 2s).
    const running = (elapsed: string): RegExp => new RegExp(`^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] 1 {2}${elapsed}$`, 'm');
    expect(screen).toMatch(running('0s'));
    expect(screen).toMatch(running('1s'));
    expect(screen).toMatch(running('2s'));
    expect(screen).not.toMatch(/^\S 1 {2}\d+ms$/m);
    // The final frame: one row per item with its outcome and credits, marked as in plain output.
    for (const id of ['1', '2', '3'])
      expect(screen).toMatch(new RegExp(`^${MARKS.passed} ${id} {2}completed {2}\\S+ credits {2}\\S+$`, 'm'));
    expect(screen).not.toContain('items: 3 passed');
  });

  it('marks a failed item as plain output does', () => {
    const world = makeWorld();
    batchFile(world, 'f.txt', 'fine\nbroken [[sim:exit=1]]\n');
    const command = `stty cols 100 rows 30; ${quote(process.execPath)} ${quote(BIN)} batch f.txt > /dev/null`;
    const tty = spawnSync('script', ['-qfec', command, '/dev/null'], {
      cwd: world.workspace,
      env: world.env,
      encoding: 'utf8',
      timeout: 30_000,
    });
    const plainRun = spawnSync(process.execPath, [BIN, 'batch', 'f.txt', '--results', 'again.jsonl'], {
      cwd: world.workspace,
      env: world.env,
      encoding: 'utf8',
    });
    const screen = plain(tty.stdout);
    expect(screen).toMatch(new RegExp(`^${MARKS.failed} 2 {2}failed `, 'm'));
    expect(screen).toMatch(new RegExp(`^${MARKS.passed} 1 {2}completed `, 'm'));
    expect(plainRun.stderr).toMatch(new RegExp(`^\\[\\d/2\\] ${MARKS.failed} 2 {2}failed `, 'm'));
    expect(plainRun.stderr).toMatch(new RegExp(`^\\[\\d/2\\] ${MARKS.passed} 1 {2}completed `, 'm'));
  });
});
