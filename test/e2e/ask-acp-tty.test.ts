import {spawn, spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import stripAnsi from 'strip-ansi';
import {afterAll, describe, expect, it} from 'vitest';
import {validateAskResult} from '../helpers/validate.js';
import {acpRecords} from './acp-helpers.js';
import {BIN, makeWorld, removeWorlds, type World} from './harness.js';

afterAll(removeWorlds);

const hasScript = spawnSync('script', ['--version']).status === 0;
const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
const kiroX = (args: string[]): string => [process.execPath, BIN, ...args].map(quote).join(' ');
// What a person sees: colours and line erasures gone, spinner frames dropped.
const screenOf = (raw: string): string =>
  stripAnsi(raw)
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => line.split('\r').at(-1) ?? '')
    .filter((line) => !/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] kiro-cli/.test(line))
    .join('\n');

/**
 * Runs a shell command on a pseudo-terminal (`script`); each time the screen shows `question`, the next answer
 * is typed.
 */
function onTerminal(world: World, command: string, question?: RegExp, answers: string[] = []) {
  return new Promise<{code: number | null; screen: string}>((resolve, reject) => {
    const child = spawn('script', ['-qfec', `stty cols 200 rows 40; ${command}`, '/dev/null'], {
      cwd: world.workspace,
      env: world.env,
    });
    let raw = '';
    let asked = 0;
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      raw += chunk.toString('utf8');
      const seen =
        question === undefined ? 0 : (stripAnsi(raw).match(new RegExp(question, 'g'))?.length ?? 0);
      while (asked < seen && asked < answers.length) child.stdin.write(`${answers[asked++]}\n`);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      child.stdin.end();
      resolve({code, screen: screenOf(raw)});
    });
  });
}

const QUESTION = /\? kiro-cli asks to use shell: ls \(execute\)\. Allow\? \[y\/N\] /;

describe.skipIf(!hasScript)('ask --engine acp on a terminal', () => {
  it('streams the answer on stdout, with tool activity and the permission decision on stderr', async () => {
    const world = makeWorld();
    const run = await onTerminal(
      world,
      kiroX(['ask', '--engine', 'acp', 'hi [[sim:messages=2]] [[sim:shell=ls]]']),
    );
    expect(run.code).toBe(0);
    expect(run.screen).toContain('  ↳ shell: ls\n✖ denied shell (ls) — policy\n');
    expect(run.screen).toMatch(/Step 1 of 2\. I was not allowed to use the shell tool\. You said: hi .*\n/);
    // Streamed, hence not printed a second time at the end.
    expect(run.screen.match(/You said:/g)).toHaveLength(1);
  });

  it('--permission-mode ask: the question waits for the person; y lets the tool run', async () => {
    const world = makeWorld();
    const command = kiroX(['ask', '--engine', 'acp', '--permission-mode', 'ask', 'x [[sim:shell=ls]]']);
    const run = await onTerminal(world, command, QUESTION, ['y']);
    expect(run.code).toBe(0);
    expect(run.screen).toMatch(new RegExp(`${QUESTION.source}y\\n✔ allowed shell \\(ls\\) — user\\n`));
    expect(acpRecords(world).at(-1)?.toolCalls).toEqual([{tool: 'shell', arg: 'ls', status: 'ran'}]);
  });

  it('--permission-mode ask with the prompt piped in: the answer comes from the terminal, and is recorded', async () => {
    const world = makeWorld();
    const out = path.join(world.workspace, 'result.json');
    const ask = kiroX(['ask', '--engine', 'acp', '--permission-mode', 'ask', '--json']);
    const run = await onTerminal(world, `echo 'x [[sim:shell=ls]]' | ${ask} > ${quote(out)}`, QUESTION, [
      'n',
    ]);
    expect(run.code).toBe(0);
    expect(run.screen).toMatch(new RegExp(`${QUESTION.source}n\\n`));
    const doc = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    expect(validateAskResult(doc)).toEqual({valid: true, errors: []});
    expect(doc).toMatchObject({
      outcome: 'completed',
      permissions: [{tool: 'shell', title: 'ls', kind: 'execute', decision: 'deny', by: 'user'}],
    });
    expect(acpRecords(world).at(-1)?.toolCalls).toEqual([{tool: 'shell', arg: 'ls', status: 'refused'}]);
  });
});
