import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {UsageError} from '../../src/lib/errors.js';
import {profileDir, writeTempProfile} from '../../src/lib/profile/temp-profile.js';

const tmp = (): string => mkdtempSync(path.join(os.tmpdir(), 'kiro-x-profile-'));

describe('writeTempProfile', () => {
  it('writes <cwd>/.kiro/agents/kiro-x-<random>.json with mode 0600 and removes it with the dirs it made', async () => {
    const cwd = tmp();
    const env = {HOME: tmp()};
    const profile = await writeTempProfile(cwd, env, (name) => ({name, tools: ['read']}));
    expect(profile.name).toMatch(/^kiro-x-[0-9a-f]{12}$/);
    expect(profile.path).toBe(path.join(cwd, '.kiro', 'agents', `${profile.name}.json`));
    expect(statSync(profile.path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(profile.path, 'utf8'))).toEqual({name: profile.name, tools: ['read']});
    profile.remove();
    expect(existsSync(path.join(cwd, '.kiro'))).toBe(false);
    profile.remove();
  });

  it('leaves directories that already existed', async () => {
    const cwd = tmp();
    mkdirSync(path.join(cwd, '.kiro', 'agents'), {recursive: true});
    writeFileSync(path.join(cwd, '.kiro', 'agents', 'mine.json'), '{}');
    const profile = await writeTempProfile(cwd, {HOME: tmp()}, (name) => ({name}));
    profile.remove();
    expect(existsSync(profile.path)).toBe(false);
    expect(existsSync(path.join(cwd, '.kiro', 'agents', 'mine.json'))).toBe(true);
  });

  it('uses $KIRO_HOME/agents when the cwd is $HOME', async () => {
    const home = tmp();
    const env = {HOME: home, KIRO_HOME: path.join(home, 'kh')};
    expect(profileDir(home, env)).toBe(path.join(home, 'kh', 'agents'));
    const profile = await writeTempProfile(home, env, (name) => ({name}));
    expect(path.dirname(profile.path)).toBe(path.join(home, 'kh', 'agents'));
    profile.remove();
    expect(existsSync(path.join(home, 'kh'))).toBe(false);
  });

  it('refuses to write through a symlinked .kiro/agents', async () => {
    const cwd = tmp();
    const elsewhere = tmp();
    mkdirSync(path.join(cwd, '.kiro'));
    symlinkSync(elsewhere, path.join(cwd, '.kiro', 'agents'));
    const attempt = writeTempProfile(cwd, {HOME: tmp()}, (name) => ({name}));
    await expect(attempt).rejects.toBeInstanceOf(UsageError);
    await expect(attempt).rejects.toThrow(
      `Refusing to write an agent profile through the symlink ${path.join(cwd, '.kiro', 'agents')}.`,
    );
    expect(readdirSync(elsewhere)).toEqual([]);
  });
});

describe('writeTempProfile never writes over or through what is already there', () => {
  const fixedName = (): string => 'kiro-x-aaaaaaaaaaaa';

  it('refuses a file that already has the chosen name, leaving it untouched', async () => {
    const cwd = tmp();
    const agents = path.join(cwd, '.kiro', 'agents');
    mkdirSync(agents, {recursive: true});
    const existing = path.join(agents, 'kiro-x-aaaaaaaaaaaa.json');
    writeFileSync(existing, '{"name": "someone else"}');
    await expect(writeTempProfile(cwd, {HOME: tmp()}, (name) => ({name}), fixedName)).rejects.toThrow(
      `The agent profile ${existing} cannot be created: a file or directory with that name already exists.`,
    );
    expect(readFileSync(existing, 'utf8')).toBe('{"name": "someone else"}');
  });

  it('refuses a symlink that has the chosen name, writing nothing at its target', async () => {
    const cwd = tmp();
    const agents = path.join(cwd, '.kiro', 'agents');
    mkdirSync(agents, {recursive: true});
    const target = path.join(tmp(), 'target.json');
    symlinkSync(target, path.join(agents, 'kiro-x-aaaaaaaaaaaa.json'));
    await expect(writeTempProfile(cwd, {HOME: tmp()}, (name) => ({name}), fixedName)).rejects.toBeInstanceOf(
      UsageError,
    );
    expect(existsSync(target)).toBe(false);
  });
});
