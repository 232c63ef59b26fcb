import {readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {makeWorld, runKiroX, type World} from '../e2e/harness.js';

const CANARY = 'ksk_CANARY_5ecr3t_do_not_print_0451';
// kiro-cli itself echoes the key on stderr here, so redaction has something real to remove.
const LEAKY = `[[sim:error=request failed for key ${CANARY}]]`;

/** Every file under a directory, recursively, except the simulator's own records. */
function filesUnder(dir: string, skip: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (full === skip) return [];
    return statSync(full).isDirectory() ? filesUnder(full, skip) : [full];
  });
}

function expectNoCanary(world: World, output: string): void {
  expect(output).not.toContain(CANARY);
  expect(output).not.toContain('5ecr3t');
  const top = path.dirname(world.workspace);
  for (const file of filesUnder(top, world.recordDir)) {
    expect({file, leaked: readFileSync(file, 'latin1').includes('5ecr3t')}).toEqual({file, leaked: false});
  }
}

const cases: Array<[string, string[], Record<string, string>]> = [
  ['ask text, completed', ['ask', 'hi'], {}],
  [
    'ask json, completed, --keep-profile',
    ['ask', 'hi', '--json', '--keep-profile', '--system-prompt', 'x'],
    {},
  ],
  ['ask junit + --junit-file, completed', ['ask', 'hi', '-o', 'junit', '--junit-file', 'r.xml'], {}],
  ['ask text, kiro-cli leaks the key', ['ask', 'hi'], {KIRO_SIM_DIRECTIVES: LEAKY}],
  ['ask json, kiro-cli leaks the key', ['ask', 'hi', '--json'], {KIRO_SIM_DIRECTIVES: LEAKY}],
  [
    'ask junit, kiro-cli leaks the key',
    ['ask', 'hi', '-o', 'junit', '--junit-file', 'r.xml'],
    {KIRO_SIM_DIRECTIVES: LEAKY},
  ],
  ['ask with DEBUG=*', ['ask', 'hi', '--json'], {DEBUG: '*', KIRO_SIM_DIRECTIVES: LEAKY}],
  ['ask usage error', ['ask', 'hi', '--timeout', 'x', '--json'], {}],
  ['batch text + ledger', ['batch', 'p.txt'], {}],
  ['batch json, kiro-cli leaks the key', ['batch', 'p.txt', '--json'], {KIRO_SIM_DIRECTIVES: LEAKY}],
  [
    'batch junit + --junit-file',
    ['batch', 'p.txt', '-o', 'junit', '--junit-file', 'b.xml'],
    {KIRO_SIM_DIRECTIVES: LEAKY},
  ],
  ['doctor text', ['doctor'], {}],
  ['doctor json', ['doctor', '--json'], {}],
  ['doctor junit + --junit-file', ['doctor', '-o', 'junit', '--junit-file', 'd.xml'], {}],
  ['sessions list json', ['sessions', 'list', '--json'], {}],
];

describe('KIRO_API_KEY never appears in any output, report, ledger, profile or log', () => {
  it.each(cases)('%s', async (_name, args, env) => {
    const world = makeWorld({KIRO_API_KEY: CANARY, ...env});
    writeFileSync(path.join(world.workspace, 'p.txt'), 'one\ntwo\n');
    const result = await runKiroX(args, {world});
    expect(result.code).not.toBeNull();
    expectNoCanary(world, result.stdout + result.stderr);
  });

  it('batch report over a ledger', async () => {
    const world = makeWorld({KIRO_API_KEY: CANARY, KIRO_SIM_DIRECTIVES: LEAKY});
    writeFileSync(path.join(world.workspace, 'p.txt'), 'one\n');
    await runKiroX(['batch', 'p.txt'], {world});
    for (const mode of ['text', 'json', 'junit']) {
      const result = await runKiroX(['batch', 'report', 'kiro-x-results.jsonl', '-o', mode], {world});
      expectNoCanary(world, result.stdout + result.stderr);
    }
  });

  it('an invalid key on the failure path', async () => {
    const invalid = `ksk_invalid_${CANARY.slice(4)}`;
    const world = makeWorld({KIRO_API_KEY: invalid});
    const result = await runKiroX(['ask', 'hi', '--json'], {world});
    expect(result.code).toBe(5);
    expectNoCanary(world, result.stdout + result.stderr);
  });
});
