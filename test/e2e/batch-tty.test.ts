import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';

import stripAnsi from 'strip-ansi';
import {describe, expect, it} from 'vitest';

import {BIN, makeWorld} from './harness.js';
import {batchFile} from './batch-helpers.js';

const hasScript = spawnSync('script', ['--version']).status === 0;
const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
// Cursor moves, erases and colours gone, what is left is the text of the rows.
const plain = (s: string): string => stripAnsi(s).replace(/\r/g, '');

describe.skipIf(!hasScript)('kiro-x batch on a terminal', () => {
  it('draws listr2 rows on stderr and keeps stdout to the summary', () => {
    const world = makeWorld();
    batchFile(world, 'p.txt', '[[sim:sleep=1200]] a\n[[sim:sleep=1200]] b\n[[sim:sleep=1200]] c\n');
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
    // A running row: spinner, id, elapsed (whole seconds).
    expect(screen).toMatch(/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] 1 {2}(0ms|1s)$/m);
    // The final frame: one row per item with its outcome and credits.
    for (const id of ['1', '2', '3'])
      expect(screen).toMatch(new RegExp(`^✔ ${id} {2}completed {2}\\S+ credits {2}\\S+$`, 'm'));
    expect(screen).not.toContain('items: 3 passed');
  });
});
