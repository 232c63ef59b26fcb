import {chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {describe, expect, it} from 'vitest';

import {UsageError} from '../../src/lib/errors.js';
import {makeDirectories} from '../../src/lib/fs/make-dirs.js';
import {prepareOutputFile} from '../../src/lib/fs/output-file.js';
import {blockingFile, describePathError, fsReason} from '../../src/lib/fs/path-problem.js';

const tmp = (): string => mkdtempSync(path.join(os.tmpdir(), 'kiro-x-fs-'));
const errno = (code: string, extra: Record<string, string> = {}): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: something, open 'x'`), {code, ...extra});
const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
};

describe('fsReason says in words what is wrong, never a bare errno code', () => {
  const dir = tmp();
  const file = path.join(dir, 'a-file');
  writeFileSync(file, 'x');
  it.each([
    ['ENOENT', 'read', path.join(dir, 'missing.md'), 'it does not exist'],
    [
      'ENOENT',
      'write',
      path.join(dir, 'no', 'such', 'r.xml'),
      `the directory ${path.join(dir, 'no', 'such')} does not exist`,
    ],
    [
      'ENOENT',
      'create',
      path.join(dir, 'new'),
      `the file system does not allow creating ${path.join(dir, 'new')} in ${dir}`,
    ],
    ['ENOTDIR', 'write', path.join(file, 'r.xml'), `${file} is not a directory`],
    ['EISDIR', 'write', dir, 'it is a directory'],
    ['EACCES', 'read', file, 'permission denied: this user may not read it'],
    ['EACCES', 'write', file, 'permission denied: this user may not write it'],
    [
      'EACCES',
      'create',
      path.join(dir, 'x'),
      `permission denied: this user may not create entries in ${dir}`,
    ],
    ['ENOSPC', 'write', '/dev/full', 'no space is left on the device'],
    ['EROFS', 'write', file, 'the file system is read-only'],
    ['EEXIST', 'create', file, 'a file or directory with that name already exists'],
  ] as const)('%s while %s %s', (code, action, target, words) => {
    expect(fsReason(errno(code, {path: target}), target, action)).toBe(words);
  });

  it('keeps the words of an unknown code without the code itself', () => {
    const error = Object.assign(new Error("EWEIRD: something odd happened, open '/x'"), {code: 'EWEIRD'});
    expect(fsReason(error, '/x', 'read')).toBe('something odd happened');
  });

  it('builds the sentence: subject, action, reason', () => {
    expect(describePathError('--prompt-file p.md', 'read', errno('ENOENT'), 'p.md')).toBe(
      '--prompt-file p.md cannot be read: it does not exist.',
    );
  });

  it('finds the file that stands where a directory should be', () => {
    expect(blockingFile(path.join(file, 'a', 'b.xml'))).toBe(file);
    expect(blockingFile(path.join(dir, 'a', 'b.xml'))).toBeNull();
  });
});

describe('makeDirectories creates one level at a time', () => {
  it('creates every missing parent and returns them outermost first', () => {
    const dir = tmp();
    const deep = path.join(dir, 'a', 'b', 'c');
    expect(makeDirectories(deep)).toEqual([path.join(dir, 'a'), path.join(dir, 'a', 'b'), deep]);
    expect(statSync(deep).isDirectory()).toBe(true);
    expect(makeDirectories(deep)).toEqual([]);
  });

  it('refuses a path below a file with ENOTDIR, not a misleading EEXIST', () => {
    const dir = tmp();
    const file = path.join(dir, 'report');
    writeFileSync(file, '');
    const error = thrown(() => makeDirectories(path.join(file, 'sub', 'deeper')));
    expect((error as NodeJS.ErrnoException).code).toBe('ENOTDIR');
    expect(fsReason(error, path.join(file, 'sub', 'deeper', 'r.xml'), 'create')).toBe(
      `${file} is not a directory`,
    );
    expect(readdirSync(dir)).toEqual(['report']);
  });

  it('refuses a directory path that is itself a file', () => {
    const dir = tmp();
    const file = path.join(dir, 'report');
    writeFileSync(file, '');
    const error = thrown(() => makeDirectories(file));
    expect(fsReason(error, path.join(file, 'r.xml'), 'create')).toBe(`${file} is not a directory`);
  });
});

describe('prepareOutputFile checks before the run, and leaves no file behind', () => {
  it('creates the directories but not the file', () => {
    const dir = tmp();
    const file = path.join(dir, 'reports', 'nested', 'kiro.xml');
    prepareOutputFile(file, `--junit-file ${file}`);
    expect(readdirSync(path.dirname(file))).toEqual([]);
  });

  it('leaves an existing file untouched', () => {
    const dir = tmp();
    const file = path.join(dir, 'kiro.xml');
    writeFileSync(file, 'old report');
    prepareOutputFile(file, `--junit-file ${file}`);
    expect(readFileSync(file, 'utf8')).toBe('old report');
  });

  it.each([
    [
      'a directory',
      (dir: string) => dir,
      (dir: string) => `--junit-file ${dir} cannot be written: it is a directory.`,
    ],
    [
      'a path below a file',
      (dir: string) => {
        writeFileSync(path.join(dir, 'f'), '');
        return path.join(dir, 'f', 'kiro.xml');
      },
      (dir: string) =>
        `--junit-file ${path.join(dir, 'f', 'kiro.xml')} cannot be created: ${path.join(dir, 'f')} is not a directory.`,
    ],
  ])('refuses %s with a UsageError saying why', (_name, make, message) => {
    const dir = tmp();
    const file = make(dir);
    const error = thrown(() => prepareOutputFile(file, `--junit-file ${file}`));
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(message(dir));
  });

  it.skipIf(process.getuid?.() === 0)('refuses a directory this user cannot write', () => {
    const dir = tmp();
    const locked = path.join(dir, 'locked');
    mkdirSync(locked, {mode: 0o500});
    chmodSync(locked, 0o500);
    const file = path.join(locked, 'kiro.xml');
    expect(() => prepareOutputFile(file, `--results ${file}`)).toThrow(
      `--results ${file} cannot be created: permission denied: this user may not create entries in ${locked}.`,
    );
  });
});
