import {spawnSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {BIN, makeWorld, runKiroX, type World} from './harness.js';

const MODEL_ERROR =
  "Model 'gpt-9' does not exist. Available models: auto, claude-sonnet-4.5, claude-haiku-4.5, claude-opus-4.5";
const hasScript = spawnSync('script', ['--version']).status === 0;
const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

function agentIn(dir: string, name: string): void {
  mkdirSync(dir, {recursive: true});
  writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({name}));
}

/** kiro-x ask in a pseudo-terminal, stdout to a file: what the terminal showed on stderr. */
function askOnTerminal(world: World, args: string[]): {status: number | null; screen: string} {
  const out = path.join(world.workspace, 'stdout.txt');
  const command = `${[process.execPath, BIN, 'ask', ...args].map(quote).join(' ')} > ${quote(out)}`;
  const run = spawnSync('script', ['-qfec', command, '/dev/null'], {
    cwd: world.workspace,
    env: world.env,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return {status: run.status, screen: run.stdout};
}

describe('what a failed or warned turn tells its user (built CLI against the simulator)', () => {
  it('an unknown model: one error line quoting kiro-cli, no doubled prefix, no MCP notice', async () => {
    const result = await runKiroX(['ask', 'hi', '--model', 'gpt-9'], {world: makeWorld()});
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`error: kiro-cli exited 1 (${MODEL_ERROR}).\n`);
  });

  it('an unknown --resume-id: the JSON message quotes kiro-cli, not the MCP notice', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const result = await runKiroX(['ask', 'hi', '--resume-id', id, '--json'], {world: makeWorld()});
    const doc = JSON.parse(result.stdout) as {outcome: string; message: string};
    expect({code: result.code, outcome: doc.outcome}).toEqual({code: 1, outcome: 'failed'});
    expect(doc.message).toBe(`kiro-cli exited 1 (Conversation session ${id} not found).`);
  });

  it('a refused tool: the reason joined and the flag that would allow it', async () => {
    const result = await runKiroX(['ask', 'run it [[sim:shell=ls]]'], {world: makeWorld()});
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('You said: run it [[sim:shell=ls]]\n');
    expect(result.stderr).toBe(
      'warning: Command execute_bash is rejected because it matches one or more rules on the denied list: ' +
        'non-interactive mode (no user to approve); allow it with --trust-tools shell\n',
    );
  });

  it("kiro-cli's own WARNING: becomes kiro-x's warning label, once", async () => {
    const world = makeWorld();
    agentIn(path.join(world.workspace, '.kiro', 'agents'), 'dup');
    agentIn(path.join(world.kiroHome, 'agents'), 'dup');
    const result = await runKiroX(['ask', 'hi', '--agent', 'dup'], {world});
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('warning: Agent conflict for dup. Using workspace version.\n');
  });

  it('transcript edge shapes: two headers on one line, a completion on a header line, no leading space', async () => {
    const result = await runKiroX(['ask', '[[sim:tool-shapes]]', '--json'], {world: makeWorld()});
    const doc = JSON.parse(result.stdout) as {outcome: string; text: string; toolCalls: unknown[]};
    expect({code: result.code, outcome: doc.outcome, text: doc.text}).toEqual({
      code: 0,
      outcome: 'completed',
      text: 'Both look fine.',
    });
    expect(doc.toolCalls).toEqual([
      {tool: 'read', title: 'Reading file: /w/a.txt, all lines', durationMs: 2},
      {tool: 'shell', title: 'I will run the following command: echo one', durationMs: 1596},
      {tool: 'introspect', title: "Introspecting kiro-cli's own documentation", durationMs: 680},
    ]);
  });

  it.skipIf(!hasScript)('labels are red on a terminal, plain under NO_COLOR', () => {
    const coloured = askOnTerminal(makeWorld(), ['[[sim:error=boom]]']);
    expect(coloured.status).toBe(1);
    expect(coloured.screen).toContain(
      '\u001b[31m\u001b[1merror:\u001b[22m\u001b[39m kiro-cli exited 1 (boom).',
    );
    const plain = askOnTerminal(makeWorld({NO_COLOR: '1'}), ['[[sim:error=boom]]']);
    expect(plain.status).toBe(1);
    expect(plain.screen).toContain('error: kiro-cli exited 1 (boom).');
    expect(plain.screen).not.toContain('\u001b[31m');
  });
});
