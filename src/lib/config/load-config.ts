import {homedir} from 'node:os';
import path from 'node:path';

import type {CosmiconfigResult} from 'cosmiconfig';

import {UsageError} from '../errors.js';
import {describePathError} from '../fs/path-problem.js';
import {nothingToFind} from './config-candidates.js';
import {loadJs, loadJson, loadYaml} from './loaders.js';
import {CONFIG_ENV_VAR, type SettingsLayer} from './settings.js';

/** File names tried in each directory, nearest directory first, first match wins. */
export const CONFIG_SEARCH_PLACES = [
  'package.json',
  '.kirorc',
  '.kirorc.json',
  '.kirorc.yaml',
  '.kirorc.yml',
  '.kirorc.js',
  '.kirorc.cjs',
  '.kirorc.mjs',
  'kiro-x.config.js',
  'kiro-x.config.cjs',
  'kiro-x.config.mjs',
  'kiro-x.config.json',
  'kiro-x.config.yaml',
];

/** Where to find the config file. */
export interface LoadConfigOptions {
  /** Search starts here and goes upward; a relative `configPath` resolves against it. */
  cwd: string;
  /** `--config FILE`: load only this file. */
  configPath?: string | undefined;
  /** Read for `KIRO_X_CONFIG` when `configPath` is not given (an empty value counts as unset). */
  env?: NodeJS.ProcessEnv | undefined;
  /** Last directory searched (default: the home directory). */
  stopDir?: string | undefined;
}

/** A validated config file, or an empty layer and null when none was found. */
export interface LoadedConfig {
  config: SettingsLayer;
  filepath: string | null;
}

/** loadConfig's outcome as data, for callers that must go on with a broken config (`doctor`, `--help`). */
export type ConfigLoadResult = ({ok: true} & LoadedConfig) | {ok: false; error: UsageError};

/**
 * Finds, parses and validates the config file. The search uses cosmiconfig's 'global' strategy: from `cwd` up
 * to the home directory (or the filesystem root when `cwd` is outside it), then the user config directory
 * (`$XDG_CONFIG_HOME/kiro-x/config.yaml` and friends). Throws UsageError naming the file on any problem.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const fromEnv = options.env?.[CONFIG_ENV_VAR];
  const explicit = options.configPath ?? (fromEnv === '' ? undefined : fromEnv);
  const origin = options.configPath === undefined ? CONFIG_ENV_VAR : '--config';
  const target = explicit === undefined ? null : path.resolve(options.cwd, explicit);
  const stopDir = path.resolve(options.stopDir ?? homedir());
  if (target === null && nothingToFind(CONFIG_SEARCH_PLACES, path.resolve(options.cwd), stopDir)) {
    return {config: {}, filepath: null};
  }
  // Loaded only for a search that may find something: cosmiconfig brings two YAML and a JSON parser along.
  const loaded = await import('cosmiconfig');
  // cosmiconfig is CommonJS: bundled, a dynamic import of it may carry its exports under `default` only.
  const cosmiconfig =
    loaded.cosmiconfig ?? (loaded as unknown as {default: typeof loaded}).default.cosmiconfig;
  let found: CosmiconfigResult;
  try {
    const explorer = cosmiconfig('kiro-x', {
      searchPlaces: CONFIG_SEARCH_PLACES,
      searchStrategy: 'global',
      stopDir,
      packageProp: 'kiro-x',
      ignoreEmptySearchPlaces: false,
      cache: false,
      loaders: {
        '.json': loadJson,
        '.yaml': loadYaml,
        '.yml': loadYaml,
        noExt: loadYaml,
        '.js': loadJs,
        '.cjs': loadJs,
        '.mjs': loadJs,
      },
    });
    found = target === null ? await explorer.search(path.resolve(options.cwd)) : await explorer.load(target);
  } catch (error) {
    throw readError(error, target, origin);
  }
  if (found === null) return {config: {}, filepath: null};
  // The schema (and zod with it) is loaded only when there is a file to validate.
  const {parseConfigObject} = await import('./schema.js');
  return {config: parseConfigObject(found.config ?? {}, found.filepath), filepath: found.filepath};
}

/** Like loadConfig, but every failure comes back as `{ok: false, error}` instead of being thrown. */
export async function tryLoadConfig(options: LoadConfigOptions): Promise<ConfigLoadResult> {
  try {
    return {ok: true, ...(await loadConfig(options))};
  } catch (error) {
    if (error instanceof UsageError) return {ok: false, error};
    return {ok: false, error: new UsageError(`Cannot load configuration: ${(error as Error).message}`)};
  }
}

function readError(error: unknown, target: string | null, origin: string): UsageError {
  if (error instanceof UsageError) return error;
  const {code, filepath, message} = error as NodeJS.ErrnoException & {filepath?: string};
  const file = filepath ?? target;
  if (target !== null && file === target && code === 'ENOENT') {
    return new UsageError(`Configuration file not found: ${target} (from ${origin})`);
  }
  if (target !== null && file === target && code === 'EISDIR') {
    return new UsageError(`Configuration file is a directory: ${target} (from ${origin})`);
  }
  if (file !== null && typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    return new UsageError(describePathError(`Configuration file ${file}`, 'read', error, file), [
      'Fix the file, or name another with --config / KIRO_X_CONFIG.',
    ]);
  }
  const where = file === null ? 'configuration' : `configuration file ${file}`;
  return new UsageError(`Cannot read ${where}: ${message}`, [
    'Fix the file, or name another with --config / KIRO_X_CONFIG.',
  ]);
}
