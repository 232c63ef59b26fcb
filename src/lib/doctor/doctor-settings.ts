import {stat} from 'node:fs/promises';
import {DEFAULT_SETTINGS} from '../config/resolve.js';
import {envLayer, flagLayer} from '../config/layers.js';
import {tryLoadConfig} from '../config/load-config.js';
import type {Settings, SettingsLayer} from '../config/settings.js';
import {UsageError} from '../errors.js';
import type {ConfigReport} from './types.js';

/** What doctor reads from its flags, the environment and the config file. */
export interface DoctorSettingsInput {
  /** Only the flags given, camelCase (as `givenFlags` makes them). */
  flags: Record<string, unknown>;
  env: NodeJS.ProcessEnv;
  /** The process cwd: config search starts here. */
  cwd: string;
  configPath?: string | undefined;
}

/** The settings doctor uses, and what became of the config file and `KIRO_X_*` variables. */
export interface DoctorSettings {
  settings: Pick<Settings, 'cliPath' | 'output' | 'strict'> &
    Partial<Pick<Settings, 'agent' | 'model' | 'harness' | 'cwd' | 'mcpConfig' | 'junitFile'>>;
  config: ConfigReport;
}

const KEYS = [
  'cliPath',
  'output',
  'strict',
  'agent',
  'model',
  'harness',
  'cwd',
  'mcpConfig',
  'junitFile',
] as const;

/**
 * Like `resolveSettings` (flag > env > config > default), except that a broken config file, bad `KIRO_X_*`
 * variables or a missing configured cwd never throw: they become the config check's failure and their
 * layer is left out. Bad flags still throw UsageError (exit 2), as for every command.
 */
export async function resolveDoctorSettings(input: DoctorSettingsInput): Promise<DoctorSettings> {
  const fromFlags = flagLayer(input.flags, input.cwd);
  const problems: string[] = [];
  let fromEnv: SettingsLayer = {};
  try {
    fromEnv = envLayer(input.env, input.cwd);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    problems.push(error.message);
  }
  const loaded = await tryLoadConfig({cwd: input.cwd, configPath: input.configPath, env: input.env});
  const fromConfig: SettingsLayer = loaded.ok ? loaded.config : {};
  const filepath = loaded.ok ? loaded.filepath : null;
  if (!loaded.ok) problems.push(loaded.error.message);
  const settings: Record<string, unknown> = {};
  for (const key of KEYS) {
    const value = [fromFlags, fromEnv, fromConfig, DEFAULT_SETTINGS].find((l) => l[key] !== undefined)?.[key];
    if (value !== undefined) settings[key] = value;
  }
  if (typeof settings.cwd === 'string' && fromFlags.cwd === undefined) {
    const info = await stat(settings.cwd).catch(() => null);
    if (!info?.isDirectory()) {
      problems.push(`cwd (in ${filepath ?? 'the environment'}): directory not found: ${settings.cwd}`);
      delete settings.cwd;
    }
  }
  const config: ConfigReport =
    problems.length === 0 ? {ok: true, filepath} : {ok: false, message: problems.join('; '), filepath};
  return {settings: settings as DoctorSettings['settings'], config};
}
