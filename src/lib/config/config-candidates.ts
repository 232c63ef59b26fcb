import {statSync} from 'node:fs';
import {homedir} from 'node:os';
import path from 'node:path';

/** Where cosmiconfig looks for its own options (its "meta config"), in the process's directory. */
const META_PLACES = [
  'package.json',
  'package.yaml',
  ...['json', 'yaml', 'yml', 'js', 'ts', 'cjs', 'mjs'].map((e) => `.config/config.${e}`),
];
/** What cosmiconfig's global strategy tries in the user config directory. */
const GLOBAL_PLACES = [
  'config',
  ...['json', 'yaml', 'yml', 'js', 'ts', 'cjs', 'mjs'].map((e) => `config.${e}`),
];

/** Whether a path might be read: only a clean "no such file" (which cosmiconfig skips too) says no. */
function mightExist(file: string): boolean {
  try {
    return statSync(file, {throwIfNoEntry: false}) !== undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOTDIR';
  }
}

/**
 * Whether a cosmiconfig search with these options cannot find anything, because not one file it would read
 * exists: then the search (cosmiconfig, its YAML and JSON parsers: a good part of `ask`'s start) is skipped.
 * Only on Linux, where the user config directory is known without cosmiconfig's env-paths.
 */
export function nothingToFind(places: readonly string[], from: string, stopDir: string): boolean {
  if (process.platform !== 'linux') return false;
  const dirs: string[] = [];
  for (let dir = from; ; dir = path.dirname(dir)) {
    dirs.push(dir);
    if (dir === stopDir || path.dirname(dir) === dir) break;
  }
  // cosmiconfig reads the process's own environment here, whatever environment the run was given.
  const globalDir = path.join(process.env.XDG_CONFIG_HOME || path.join(homedir(), '.config'), 'kiro-x');
  const files = [
    ...META_PLACES.map((place) => path.join(process.cwd(), place)),
    ...dirs.flatMap((dir) => places.map((place) => path.join(dir, place))),
    ...GLOBAL_PLACES.map((place) => path.join(globalDir, place)),
  ];
  return !files.some(mightExist);
}
