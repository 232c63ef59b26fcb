import {spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {makeWorld, records, removeWorlds, ROOT, type World} from './harness.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'kiro-x-library-'));
afterAll(() => {
  removeWorlds();
  rmSync(scratch, {recursive: true, force: true});
});

// A program elsewhere that depends on kiro-x: `import … from 'kiro-x'` reaches the built package's entry.
mkdirSync(path.join(scratch, 'node_modules'));
symlinkSync(ROOT, path.join(scratch, 'node_modules', 'kiro-x'), 'dir');

/** The README's programs of the "Library API" section, in order (plain ESM once the fences are gone). */
function readmePrograms(): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Library API'), readme.indexOf('## Trying it offline'));
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}

/** Run a program from the scratch directory, in the world's workspace and environment. */
function runProgram(name: string, source: string, world: World) {
  const file = path.join(scratch, name);
  writeFileSync(file, source);
  return spawnSync(process.execPath, [file], {
    cwd: world.workspace,
    env: world.env,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('the library, as the README shows it', () => {
  it('has the query program and the session program', () => {
    const [first, second] = readmePrograms();
    expect(first).toMatch(/^import \{query\} from 'kiro-x';/);
    expect(second).toMatch(/^import \{openSession\} from 'kiro-x';/);
  });

  it('query: the answer streams to stdout, tools and the outcome to stderr', () => {
    const world = makeWorld();
    const [program] = readmePrograms();
    const run = runProgram(
      'query.mjs',
      (program ?? '').replace('Fix the failing test.', 'Fix it [[sim:tools]]'),
      world,
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      'Substantial work exists across all 10 tasks. Let me verify the current state by running the reproduction script.\nBoth suites are green.\n',
    );
    expect(run.stderr).toBe(
      [
        '  ↳ shell: I will run the following command: git -C /home/u/proj status --short',
        '  ↳ read: Batch fs_read operation with 3 operations',
        '  ↳ read: Batch fs_read operation with 2 operations',
        'completed (0.06 credits)',
        '',
      ].join('\n'),
    );
  });

  it('openSession: two prompts in one conversation, the model changed between them', () => {
    const world = makeWorld();
    const [, program] = readmePrograms();
    const run = runProgram('session.mjs', program ?? '', world);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      'You said: Read README.md and list three improvements.\nYou said: Write the first one as a unified diff.\n',
    );
    expect(run.stderr).toMatch(/^session [0-9a-f-]{36}, resumed: true\n$/);
    const turns = (records(world) as Array<{argv: string[]}>).filter(
      (r) => r.argv[0] === 'chat' && !r.argv.includes('--list-sessions'),
    );
    expect(turns).toHaveLength(2);
    expect(turns[1]?.argv).toEqual(expect.arrayContaining(['--resume-id', '--model', 'claude-sonnet-4.5']));
  });

  it('the same programs on the ACP engine: one kiro-cli acp for the whole session', () => {
    const world = makeWorld();
    const [query, session] = readmePrograms();
    const asked = runProgram(
      'query-acp.mjs',
      (query ?? '').replace(
        "prompt: 'Fix the failing test.',",
        "prompt: 'Fix it [[sim:shell=ls]]', engine: 'acp',",
      ),
      world,
    );
    expect(asked.stderr).toBe('  ↳ shell: ls\ncompleted (0.06 credits)\n');
    expect(asked.stdout).toBe('I was not allowed to use the shell tool. You said: Fix it [[sim:shell=ls]]');
    expect(asked.status).toBe(0);
    const run = runProgram(
      'session-acp.mjs',
      (session ?? '').replace('openSession({', "openSession({engine: 'acp', "),
      world,
    );
    expect(run.stderr).toMatch(/^session [0-9a-f-]{36}, resumed: true\n$/);
    expect(run.stdout).toBe(
      'You said: Read README.md and list three improvements.\nYou said: Write the first one as a unified diff.\n',
    );
    expect(run.status).toBe(0);
    const kiros = (
      records(world) as Array<{argv: string[]; model: string | null; endedAt: string | null}>
    ).filter((r) => r.argv[0] === 'acp');
    expect(kiros.map((r) => [r.model, r.endedAt !== null])).toEqual([
      ['auto', true],
      ['claude-sonnet-4.5', true],
    ]);
  });
});
