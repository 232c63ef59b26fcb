import {spawn} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {BIN, makeWorld} from '../e2e/harness.js';

/** Run kiro-x and close its stdout after the first chunk, as `kiro-x … | head -c 20` does. */
function readFirstChunkOnly(args: string[]): Promise<{code: number | null; stderr: string; first: string}> {
  const world = makeWorld();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {cwd: world.workspace, env: world.env});
    let first = '';
    let stderr = '';
    child.stdout.once('data', (chunk: Buffer) => {
      first = chunk.toString('utf8').slice(0, 20);
      child.stdout.destroy();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('close', (code) => resolve({code, stderr, first}));
  });
}

describe('a reader that closes stdout early', () => {
  it.each([
    [['ask', '[[sim:big=20000000]]'], '0000001 '],
    [['ask', '[[sim:big=20000000]]', '--json'], '{'],
    [['ask', '[[sim:big=20000000]]', '-o', 'junit'], '<?xml'],
    [['ask', '[[sim:big=20000000]]', '-o', 'stream-json'], '{"type":"session"'],
  ])('%j: no stack trace, the turn’s own exit code', async (args, start) => {
    const result = await readFirstChunkOnly(args);
    expect(result.first.startsWith(start)).toBe(true);
    expect(result.stderr).not.toContain('EPIPE');
    expect(result.code).toBe(0);
  });
});
