import {spawn} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {describe, expect, it} from 'vitest';
import {BIN, makeWorld, ROOT, type World} from './harness.js';

/** A start through oclif only: what bin/run.js does when `ask` cannot start without it. */
const oclifOnly = path.join(mkdtempSync(path.join(os.tmpdir(), 'kiro-x-oclif-start-')), 'oclif-start.mjs');
writeFileSync(
  oclifOnly,
  [
    `const {execute} = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist', 'oclif.js')).href)});`,
    `await execute({dir: ${JSON.stringify(pathToFileURL(BIN).href)}});`,
  ].join('\n'),
);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(script: string, args: string[], world: World, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: world.workspace,
      env: {...world.env, ...env},
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({code, stdout, stderr}));
  });
}

/** Timings differ from run to run; everything else must not. */
const steady = (r: Run): Run => {
  const clean = (text: string) => text.replace(/("(?:durationMs|kiroTimeMs)": )\d+/g, '$1N');
  return {code: r.code, stdout: clean(r.stdout), stderr: clean(r.stderr)};
};

describe('ask starts without oclif, and says and exits exactly as through oclif', () => {
  it.each([
    ['a turn', ['hi']],
    [
      'a turn with flags in every form',
      ['--model=auto', '-o', 'text', '--resource', 'a', '--no-session-id', 'hi'],
    ],
    ['a JSON failure before the turn', ['-o', 'json', '--prompt-file', 'missing.md']],
    ['a JUnit failure before the turn', ['-o', 'junit', '--system-prompt-file', 'missing.md', 'hi']],
    ['an unknown flag', ['--modle', 'x', 'hi']],
    ['an option it does not take', ['-o', 'xml', 'hi']],
    ['exclusive flags', ['--json', '-o', 'text', 'hi']],
    ['a flag given twice', ['--model', 'a', '--model', 'b', 'hi']],
    ['two prompts', ['one', 'two']],
    ['help', ['hi', '--help']],
    ['a prompt after --', ['--', '--json']],
  ])('%s', async (_, args) => {
    const world = makeWorld();
    const [fast, oclif] = [
      await run(BIN, ['ask', ...args], world),
      await run(oclifOnly, ['ask', ...args], world),
    ];
    expect(steady(fast)).toEqual(steady(oclif));
  });

  it('a broken config file', async () => {
    const world = makeWorld();
    writeFileSync(path.join(world.workspace, '.kirorc'), 'model: [\n');
    const fast = await run(BIN, ['ask', 'hi'], world);
    expect(fast.code).toBe(2);
    expect(steady(fast)).toEqual(steady(await run(oclifOnly, ['ask', 'hi'], world)));
  });

  it('reports on NODE_DEBUG=kiro-x which way it started', async () => {
    const world = makeWorld();
    const debug = {NODE_DEBUG: 'kiro-x'};
    const fast = await run(BIN, ['ask', '-o', 'json', 'hi'], world, debug);
    expect(fast.stderr).toMatch(/^KIRO-X \d+: ask starts without oclif\n$/);
    expect(JSON.parse(fast.stdout)).toMatchObject({outcome: 'completed', text: 'You said: hi'});
    const help = await run(BIN, ['ask', '-h'], world, debug);
    expect(help.stderr).toMatch(/^KIRO-X \d+: ask starts through oclif: -h asks for help\n/);
    const debugged = await run(BIN, ['ask', 'hi'], world, {...debug, KIRO_X_DEBUG: '1'});
    expect(debugged.stderr).toMatch(/ask starts through oclif: oclif debug or redirection variables/);
  });
});
