import {mkdirSync, readdirSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {makeWorld, records, runKiroX, type World} from '../e2e/harness.js';

const ran = (world: World): number => records(world).filter((r) => (r.argv as string[])[0] === 'chat').length;

describe('malformed configuration, in every format: a usage error naming the file, never a crash', () => {
  it.each([
    ['.kirorc', 'model: [unclosed\n'],
    ['.kirorc.json', '{"model": "a",}'],
    ['.kirorc.yaml', 'model: a\n  bad: indentation\n'],
    ['.kirorc.yml', 'trustTools: {\n'],
    ['.kirorc.js', 'module.exports = {model: ;'],
    ['.kirorc.cjs', 'module.exports = {model: "a"'],
    ['.kirorc.mjs', 'export default {model: '],
    ['kiro-x.config.json', '[1, 2'],
    ['package.json', '{"name": "x", "kiro-x": {"model": 3}}'],
  ])('%s', async (name, content) => {
    const world = makeWorld();
    const file = path.join(world.workspace, name);
    writeFileSync(file, content);
    const result = await runKiroX(['ask', 'hi', '--json'], {world});
    expect(result.code).toBe(2);
    const doc = JSON.parse(result.stdout) as {outcome: string; message: string};
    expect(doc.outcome).toBe('usage_error');
    expect(doc.message).toContain(file);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(ran(world)).toBe(0);
    const doctor = await runKiroX(['doctor', '--json'], {world});
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain(file);
  });
});

describe('bad batch files: every problem listed as FILE:LINE, exit 2, nothing runs', () => {
  it('lists each kind of error in one report', async () => {
    const world = makeWorld();
    const file = path.join(world.workspace, 'bad.jsonl');
    writeFileSync(
      file,
      [
        '{"id": "a", "prompt": "fine"}',
        '{"id": "a", "prompt": "duplicate id"}',
        '{"prompt": ""}',
        '{"prompt": "x", "colour": "red"}',
        '{"prompt": 42}',
        '{"prompt": "x", "timeout": "soon"}',
        '{"prompt": "x", "expect": {"matches": "("}}',
        '{"prompt": "x"',
        '{"id": "b"}',
      ].join('\n'),
    );
    const result = await runKiroX(['batch', file, '--json'], {world});
    expect(result.code).toBe(2);
    for (const line of [2, 3, 4, 5, 6, 7, 8, 9]) expect(result.stderr).toContain(`${file}:${line}:`);
    expect(result.stderr).not.toContain(`${file}:1:`);
    expect(ran(world)).toBe(0);
  });
});

describe('unreadable inputs', () => {
  it.each([
    [['ask', '--prompt-file', '.'], '--prompt-file . cannot be read: it is a directory.'],
    [['ask', '--prompt-file', 'nope.md'], '--prompt-file nope.md cannot be read: it does not exist.'],
    [['ask', 'hi', '--system-prompt-file', 'nope.md'], 'cannot be read: it does not exist.'],
    [['ask', 'hi', '--mcp-config', 'mcp.json'], '--mcp-config'],
    [['batch', 'dir.txt'], 'Batch file dir.txt cannot be read: it is a directory.'],
  ])('%j: exit 2 saying %s', async (args, said) => {
    const world = makeWorld();
    writeFileSync(path.join(world.workspace, 'mcp.json'), '{"mcpServers": ');
    mkdirSync(path.join(world.workspace, 'dir.txt'));
    const result = await runKiroX(args, {world});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(said);
    expect(result.stderr).not.toMatch(/\bE[A-Z]{3,}\b/);
    expect(ran(world)).toBe(0);
  });
});

describe('text that is not UTF-8 is refused, never sent with replacement characters', () => {
  // "café" in Latin-1: the é (0xE9) is not UTF-8.
  const latin1 = Buffer.concat([
    Buffer.from('Summarise the café menu\nin '),
    Buffer.from([0xe9]),
    Buffer.from('\n'),
  ]);
  const where = 'byte 0xE9 at byte offset 28 (line 2) is not valid UTF-8.';

  it.each([
    [
      '--prompt-file',
      ['ask', '--prompt-file', 'p.md'],
      undefined,
      `--prompt-file p.md is not UTF-8 text: ${where}`,
    ],
    ['stdin of ask', ['ask'], latin1, `The prompt read from stdin is not UTF-8 text: ${where}`],
    [
      '--system-prompt-file',
      ['ask', 'hi', '--system-prompt-file', 'p.md'],
      undefined,
      'p.md is not UTF-8 text',
    ],
    ['a batch file', ['batch', 'p.txt'], undefined, `Batch file p.txt is not UTF-8 text: ${where}`],
    [
      'a batch on stdin',
      ['batch', '-', '--format', 'txt'],
      latin1,
      `The batch read from stdin is not UTF-8 text: ${where}`,
    ],
  ])('%s: exit 2 naming the source and the byte offset', async (_name, args, input, message) => {
    const world = makeWorld();
    writeFileSync(path.join(world.workspace, 'p.md'), latin1);
    writeFileSync(path.join(world.workspace, 'p.txt'), latin1);
    const result = await runKiroX(args, input === undefined ? {world} : {world, input});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('→ convert it to UTF-8 first, e.g. iconv -f latin1 -t utf-8\n');
    expect(ran(world)).toBe(0);
  });
});

describe('unwritable results: a clear error and a non-zero exit, never a silent loss', () => {
  it('a --results path in a directory nobody can create files in', async () => {
    const world = makeWorld();
    writeFileSync(path.join(world.workspace, 'p.txt'), 'one\n');
    const result = await runKiroX(['batch', 'p.txt', '--results', '/proc/kiro-x-results.jsonl'], {world});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'error: --results /proc/kiro-x-results.jsonl cannot be opened for appending: the file system does not allow creating /proc/kiro-x-results.jsonl in /proc.\n',
    );
    expect(ran(world)).toBe(0);
  });

  it('a --results file on a full disk: the error names it and the finished results still reach stdout', async () => {
    const world = makeWorld();
    writeFileSync(path.join(world.workspace, 'p.txt'), 'one [[sim:answer=first]]\n');
    const result = await runKiroX(['batch', 'p.txt', '--results', '/dev/full', '--json'], {world});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--results /dev/full');
    expect(result.stderr).toContain(
      'error: --results /dev/full cannot be written: no space is left on the device; results from here on are not in the ledger.\n',
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toContain('first');
  });

  it('--junit-file on a full disk', async () => {
    const world = makeWorld();
    const result = await runKiroX(['ask', 'hi', '--junit-file', '/dev/full'], {world});
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('You said: hi\n');
    expect(result.stderr).toContain(
      'error: --junit-file /dev/full cannot be written: no space is left on the device.\n',
    );
  });
});

describe('agent profile directories that could be written through', () => {
  it.each([
    ['.kiro/agents is a symlink', ['.kiro'], path.join('.kiro', 'agents')],
    ['.kiro is a symlink', [], '.kiro'],
  ])('%s: refused, nothing written anywhere', async (_name, dirs, link) => {
    const world = makeWorld();
    const target = path.join(world.home, 'elsewhere');
    mkdirSync(target);
    for (const dir of dirs) mkdirSync(path.join(world.workspace, dir));
    symlinkSync(target, path.join(world.workspace, link));
    const result = await runKiroX(['ask', 'hi', '--system-prompt', 'x', '--json'], {world});
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({outcome: 'usage_error'});
    expect(result.stderr).toContain(
      `Refusing to write an agent profile through the symlink ${path.join(world.workspace, link)}`,
    );
    expect(readdirSync(target)).toEqual([]);
    expect(ran(world)).toBe(0);
  });
});
