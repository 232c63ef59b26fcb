import {readFileSync} from 'node:fs';
import path from 'node:path';

import {describe, expect, it} from 'vitest';

import {REPO_ROOT, validateJunit} from '../helpers/validate.js';
import {makeWorld, runKiroX} from './harness.js';

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  version: string;
  oclif: {topics: Record<string, {description: string}>};
};
const VERSION_LINE = new RegExp(`^kiro-x/${pkg.version.replace(/\./g, '\\.')} \\S+ node-v\\S+\n$`);

describe('help and version the way people type them', () => {
  it.each([[['-h']], [['--help']]])('%j shows the root help, exit 0', async (args) => {
    const run = await runKiroX(args, {world: makeWorld()});
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('USAGE\n  $ kiro-x [COMMAND]');
  });

  it.each([
    [['ask', '-h']],
    [['batch', '-h']],
    [['batch', 'report', '-h']],
    [['doctor', '-h']],
    [['sessions', 'list', '-h']],
  ])('%j shows that command’s help like --help, exit 0', async (args) => {
    const world = makeWorld();
    const short = await runKiroX(args, {world});
    const long = await runKiroX([...args.slice(0, -1), '--help'], {world});
    expect(short.code).toBe(0);
    expect(short.stdout).toContain('USAGE');
    expect(short.stdout).toBe(long.stdout);
  });

  it.each([[['-v']], [['--version']], [['version']]])('%j prints the version line, exit 0', async (args) => {
    const run = await runKiroX(args, {world: makeWorld()});
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toMatch(VERSION_LINE);
  });

  it('every topic has its own description in the root help, not one of its commands’', async () => {
    const run = await runKiroX(['--help'], {world: makeWorld()});
    const topics = run.stdout.slice(run.stdout.indexOf('TOPICS'), run.stdout.indexOf('COMMANDS'));
    for (const [topic, {description}] of Object.entries(pkg.oclif.topics)) {
      expect(topics.replace(/\s+/g, ' ')).toContain(`${topic} ${description}`);
    }
    expect(topics).not.toContain('Delete saved kiro-cli sessions by id');
  });
});

describe('mistyped commands and flags: the nearest one, exit 2', () => {
  it.each([
    [['aks', 'hi'], '"aks" is not a kiro-x command. Did you mean "kiro-x ask"?'],
    [['sessions', 'lsit'], '"sessions lsit" is not a kiro-x command. Did you mean "kiro-x sessions list"?'],
    [['sesions', 'list'], '"sesions list" is not a kiro-x command. Did you mean "kiro-x sessions list"?'],
    [['dcotor'], '"dcotor" is not a kiro-x command. Did you mean "kiro-x doctor"?'],
    [['frobnicate'], '"frobnicate" is not a kiro-x command.'],
    [['sessions', 'purge'], '"sessions purge" is not a kiro-x command.'],
  ])('%j', async (args, message) => {
    const run = await runKiroX(args, {world: makeWorld()});
    expect([run.code, run.stdout, run.stderr]).toEqual([
      2,
      '',
      `error: ${message}\n  → see kiro-x --help for every command\n`,
    ]);
  });

  it('an unknown command in JSON mode still prints one document, and --junit-file gets the error', async () => {
    const world = makeWorld();
    const json = await runKiroX(['aks', 'hi', '--json'], {world});
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({
      schemaVersion: 1,
      ok: false,
      outcome: 'usage_error',
      message: '"aks" is not a kiro-x command. Did you mean "kiro-x ask"?',
    });
    const junit = await runKiroX(['aks', 'hi', '--junit-file', 'r.xml'], {world});
    expect(junit.code).toBe(2);
    const xml = readFileSync(path.join(world.workspace, 'r.xml'), 'utf8');
    expect(await validateJunit(xml)).toEqual({valid: true, errors: []});
    expect(xml).toContain('type="usage_error"');
  });

  it.each([
    [
      ['ask', 'hi', '--modle', 'x'],
      'Unknown flag for kiro-x ask: --modle (did you mean --model?).',
      'kiro-x ask',
    ],
    [
      ['batch', 'p.txt', '--retires', '2'],
      'Unknown flag for kiro-x batch: --retires (did you mean --retries?).',
      'kiro-x batch',
    ],
    [
      ['doctor', '--strcit'],
      'Unknown flag for kiro-x doctor: --strcit (did you mean --strict?).',
      'kiro-x doctor',
    ],
    [['ask', 'hi', '--frob'], 'Unknown flag for kiro-x ask: --frob.', 'kiro-x ask'],
  ])('%j', async (args, message, usage) => {
    const run = await runKiroX(args, {world: makeWorld()});
    expect([run.code, run.stderr]).toEqual([2, `error: ${message}\n  → see ${usage} --help\n`]);
  });

  it('batch without FILE names what is missing and nothing else', async () => {
    const run = await runKiroX(['batch'], {world: makeWorld()});
    expect([run.code, run.stderr]).toEqual([
      2,
      'error: kiro-x batch needs FILE: Batch file; "-" reads stdin (needs --format).\n  → see kiro-x batch --help\n',
    ]);
  });

  it('a mistyped subcommand taken as an argument points at the subcommand', async () => {
    const run = await runKiroX(['batch', 'reprot', 'kiro-x-results.jsonl'], {world: makeWorld()});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('  → did you mean "kiro-x batch report"?\n');
  });
});

describe('usage errors in JUnit mode: a JUnit error document on stdout and in --junit-file', () => {
  it.each([
    ['ask', ['ask', '--prompt-file', 'missing.md'], 'kiro-x ask'],
    ['batch', ['batch'], 'kiro-x batch'],
    ['batch with a bad flag', ['batch', 'p.txt', '--retires', '2'], 'kiro-x batch'],
    ['batch report', ['batch', 'report', 'missing.jsonl'], 'kiro-x batch report'],
    ['doctor', ['doctor', '--strcit'], 'kiro-x doctor'],
  ])('%s', async (_name, args, suite) => {
    const world = makeWorld();
    const run = await runKiroX([...args, '-o', 'junit', '--junit-file', 'reports/r.xml'], {world});
    expect(run.code).toBe(2);
    expect(await validateJunit(run.stdout)).toEqual({valid: true, errors: []});
    expect(run.stdout).toContain('errors="1"');
    expect(run.stdout).toContain('type="usage_error"');
    if (suite !== 'kiro-x ask') expect(run.stdout).toContain(`<testsuite name="${suite}"`);
    expect(readFileSync(path.join(world.workspace, 'reports', 'r.xml'), 'utf8')).toBe(run.stdout);
    expect(run.stderr).toMatch(/^error: /);
  });

  it('text mode with --junit-file still writes the report, so CI shows the failure', async () => {
    const world = makeWorld();
    const run = await runKiroX(['batch', 'missing.txt', '--junit-file', 'r.xml'], {world});
    expect([run.code, run.stdout]).toEqual([2, '']);
    const xml = readFileSync(path.join(world.workspace, 'r.xml'), 'utf8');
    expect(xml).toContain(
      '<error message="Batch file missing.txt cannot be read: it does not exist." type="usage_error"/>',
    );
  });
});
