import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {nothingToFind} from '../../src/lib/config/config-candidates.js';
import {CONFIG_SEARCH_PLACES} from '../../src/lib/config/load-config.js';

const here = process.cwd();
const xdg = process.env.XDG_CONFIG_HOME;
afterEach(() => {
  process.chdir(here);
  if (xdg === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = xdg;
});

/** home/work/deep, run from an empty directory, with an empty user config directory. */
function world(): {home: string; deep: string} {
  const root = mkdtempSync(path.join(os.tmpdir(), 'kiro-x-candidates-'));
  const home = path.join(root, 'home');
  const deep = path.join(home, 'work', 'deep');
  mkdirSync(deep, {recursive: true});
  mkdirSync(path.join(root, 'empty'));
  process.chdir(path.join(root, 'empty'));
  process.env.XDG_CONFIG_HOME = path.join(root, 'xdg');
  return {home, deep};
}

describe.runIf(process.platform === 'linux')('nothingToFind', () => {
  it('is true when no file the search reads exists', () => {
    const {home, deep} = world();
    expect(nothingToFind(CONFIG_SEARCH_PLACES, deep, home)).toBe(true);
  });

  it.each([
    ['a .kirorc in a parent up to the stop directory', 'home/.kirorc'],
    ['a package.json on the way', 'home/work/package.json'],
    ['a file in the user config directory', 'xdg/kiro-x/config.yaml'],
    ["cosmiconfig's own options in the process's directory", 'empty/.config/config.json'],
  ])('is false with %s', (_, file) => {
    const {home, deep} = world();
    const root = path.dirname(home);
    mkdirSync(path.dirname(path.join(root, file)), {recursive: true});
    writeFileSync(path.join(root, file), '');
    expect(nothingToFind(CONFIG_SEARCH_PLACES, deep, home)).toBe(false);
  });

  it('looks no higher than the stop directory', () => {
    const {home, deep} = world();
    writeFileSync(path.join(path.dirname(home), '.kirorc'), 'model: m\n');
    expect(nothingToFind(CONFIG_SEARCH_PLACES, deep, home)).toBe(true);
  });
});
