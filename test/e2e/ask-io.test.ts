import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {validateAskResult, validateJunit} from '../helpers/validate.js';
import {makeWorld, records, runKiroX, TEST_KEY} from './harness.js';

interface Doc {
  outcome: string;
  text: string;
  messages: string[];
  transcript: string | null;
  toolCalls: Array<{tool: string; title: string; durationMs?: number}>;
  credits: number | null;
  kiroTimeMs: number | null;
  command: string[];
}

const askJson = async (args: string[], env: Record<string, string | undefined> = {}, input?: string) => {
  const world = makeWorld(env);
  const result = await runKiroX(['ask', '--json', ...args], {world, ...(input === undefined ? {} : {input})});
  const doc = JSON.parse(result.stdout) as Doc;
  expect(validateAskResult(doc)).toEqual({valid: true, errors: []});
  return {world, result, doc};
};

describe('ask reproduces the captures end to end', () => {
  it('headless-2.21.2-colors: three lines, exactly', async () => {
    const world = makeWorld();
    const result = await runKiroX(
      ['ask', 'List exactly three primary colors, one per line, no other text.'],
      {world},
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Red\nBlue\nYellow\n');
    expect(result.stderr).toBe('');
  });

  it('headless-2.18.0-nocolor: kiro-x always sets NO_COLOR, resets are still stripped', async () => {
    const {doc, world} = await askJson(['ok']);
    expect(doc.text).toBe('ok');
    expect(doc.transcript).toBe('> ok');
    expect(records(world)[0]).toMatchObject({env: {TERM: 'dumb', NO_COLOR: '1'}});
  });

  it('headless-2.x-markdown: headings rendered with SGR come out as plain markdown', async () => {
    const {doc} = await askJson(['release notes [[sim:markdown]]']);
    expect(doc.text).toBe('## v1.16.0\n### Features\n- Added things');
  });

  it('headless-2.x-tools + trust-all stderr: tool calls, messages, credits and kiro time', async () => {
    const {doc, result} = await askJson([
      '[[sim:tools]][[sim:credits=3.96]][[sim:time=14m 9s]]',
      '--trust-all-tools',
    ]);
    const stripped = readFileSync(
      path.resolve('../shared/kiro-cli/captures/headless-2.x-tools.stdout.stripped.txt'),
      'utf8',
    );
    expect(doc.transcript).toBe(stripped);
    expect(doc.messages).toEqual([
      'Substantial work exists across all 10 tasks. Let me verify the current state by running the reproduction script.',
      'Both suites are green.',
    ]);
    expect(doc.toolCalls).toEqual([
      {
        tool: 'shell',
        title: 'I will run the following command: git -C /home/u/proj status --short',
        durationMs: 900,
      },
      {tool: 'read', title: 'Batch fs_read operation with 3 operations', durationMs: 100},
      {tool: 'read', title: 'Batch fs_read operation with 2 operations', durationMs: 0},
    ]);
    expect({credits: doc.credits, kiroTimeMs: doc.kiroTimeMs}).toEqual({credits: 3.96, kiroTimeMs: 849_000});
    expect(doc.command).toEqual([
      'kiro-cli',
      'chat',
      '--no-interactive',
      '--wrap',
      'never',
      '--trust-all-tools',
      '--',
      '<prompt>',
    ]);
    expect(result.code).toBe(0);
  });
});

describe('ask prompt sources', () => {
  it('reads the prompt from piped stdin when no argument is given, byte for byte', async () => {
    const {doc, world} = await askJson([], {}, 'from stdin\n');
    expect(doc.text).toBe('You said: from stdin');
    expect(records(world)[0]).toMatchObject({prompt: 'from stdin\n', promptFromStdin: false});
  });

  it('reads stdin for "-"', async () => {
    const {doc} = await askJson(['-'], {}, 'dash means stdin');
    expect(doc.text).toBe('You said: dash means stdin');
  });

  it('reads --prompt-file', async () => {
    const world = makeWorld();
    writeFileSync(path.join(world.workspace, 'task.md'), 'from a file');
    const result = await runKiroX(['ask', '--prompt-file', 'task.md', '--json'], {world});
    expect(JSON.parse(result.stdout)).toMatchObject({outcome: 'completed', text: 'You said: from a file'});
  });

  it('sends prompts over 100 KiB through stdin, intact', async () => {
    const big = `${'é'.repeat(70_000)} end`;
    const {doc, world} = await askJson(['-'], {}, big);
    expect(doc.outcome).toBe('completed');
    const record = records(world)[0] as {prompt: string; promptFromStdin: boolean; argv: string[]};
    expect(record.promptFromStdin).toBe(true);
    expect(record.prompt).toBe(big);
    expect(record.argv).not.toContain('--');
    expect(doc.command.at(-1)).toBe('never');
  });

  it('passes a prompt starting with a dash after --', async () => {
    const {doc, world} = await askJson(['--', '--version please']);
    expect(doc.text).toBe('You said: --version please');
    expect((records(world)[0] as {argv: string[]}).argv.slice(-2)).toEqual(['--', '--version please']);
  });

  it('keeps unicode intact both ways', async () => {
    const {doc} = await askJson(['héllo 🌍 日本語 — ok']);
    expect(doc.text).toBe('You said: héllo 🌍 日本語 — ok');
  });

  it.each([
    [['ask', ''], 'The prompt is empty.'],
    [['ask', '--prompt-file', 'missing.md'], '--prompt-file missing.md cannot be read: it does not exist.'],
    [
      ['ask', 'x', '--prompt-file', 'p.md'],
      'Give the prompt either as an argument or with --prompt-file, not both.',
    ],
  ])('rejects %j with exit 2', async (args, message) => {
    const world = makeWorld();
    const result = await runKiroX([...args, '--json'], {world});
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({outcome: 'usage_error', message});
    expect(records(world)).toEqual([]);
  });
});

describe('ask output', () => {
  it('turns invalid UTF-8 from kiro-cli into U+FFFD and still prints valid JSON', async () => {
    const {doc} = await askJson(['[[sim:invalid-utf8]]']);
    expect(doc.outcome).toBe('completed');
    expect(doc.text).toContain('\uFFFD');
  });

  it('survives binary garbage on stdout', async () => {
    const {doc, result} = await askJson(['[[sim:binary]]']);
    expect(doc.outcome).toBe('completed');
    expect(result.code).toBe(0);
  });

  it('prints a JUnit report valid against the Jenkins XSD, and writes --junit-file too', async () => {
    const world = makeWorld();
    const result = await runKiroX(['ask', 'hi', '-o', 'junit', '--junit-file', 'reports/ask.xml'], {world});
    expect(result.code).toBe(0);
    expect(await validateJunit(result.stdout)).toEqual({valid: true, errors: []});
    expect(readFileSync(path.join(world.workspace, 'reports', 'ask.xml'), 'utf8')).toBe(result.stdout);
    expect(result.stdout).toContain('<testcase name="hi" classname="kiro-x.ask"');
  });

  it('reports a failed turn as an <error> in JUnit, still valid', async () => {
    const world = makeWorld();
    const result = await runKiroX(['ask', '[[sim:hang]]', '--timeout', '1s', '-o', 'junit'], {world});
    expect(result.code).toBe(8);
    expect(await validateJunit(result.stdout)).toEqual({valid: true, errors: []});
    expect(result.stdout).toContain(
      '<error message="The turn exceeded its time limit and kiro-cli was stopped." type="timed_out">',
    );
  });

  it('prints a valid JUnit document for its own usage errors', async () => {
    const world = makeWorld();
    const result = await runKiroX(['ask', 'hi', '--timeout', 'never', '-o', 'junit'], {world});
    expect(result.code).toBe(2);
    expect(await validateJunit(result.stdout)).toEqual({valid: true, errors: []});
    expect(result.stdout).toContain('type="usage_error"');
  });

  it('reports an unwritable --junit-file after printing the document, with a non-zero exit', async () => {
    const world = makeWorld();
    const result = await runKiroX(['ask', 'hi', '--json', '--junit-file', '/dev/full'], {world});
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({outcome: 'completed'});
    expect(result.stderr).toContain(
      'error: --junit-file /dev/full cannot be written: no space is left on the device.',
    );
  });

  it('never shows KIRO_API_KEY, even in the command it reports', async () => {
    const {result} = await askJson(['hi', '--model', 'claude-haiku-4.5']);
    expect(result.stdout + result.stderr).not.toContain(TEST_KEY);
  });
});
