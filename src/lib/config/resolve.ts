import {statSync} from 'node:fs';

import {UsageError} from '../errors.js';
import {envLayer, flagLayer} from './layers.js';
import {loadConfig, tryLoadConfig} from './load-config.js';
import {
  EXCLUSIVE_GROUPS,
  RUN_SETTING_NAMES,
  SETTING_NAMES,
  SETTINGS_KEYS,
  type SettingSource,
  type Settings,
  type SettingsLayer,
} from './settings.js';

/** Everything the resolver reads; nothing comes from `process` directly, so commands and tests pass it in. */
export interface ResolveInput {
  /** Only the flags the user gave, camelCase; undefined values and non-setting keys are ignored. */
  flags: Record<string, unknown>;
  env: NodeJS.ProcessEnv;
  /** The process cwd: config search starts here and relative flag/env paths resolve against it. */
  cwd: string;
  /** `--config FILE`; falls back to `KIRO_X_CONFIG`. */
  configPath?: string | undefined;
  /**
   * A broken config file, bad `KIRO_X_*` variables or a configured cwd that is not a directory become `problems`
   * and their layer (or value) is left out, instead of throwing (doctor reports them as a failing check).
   */
  tolerant?: boolean | undefined;
}

/** The merged settings, the config file they used, and where each value came from. */
export interface ResolvedSettings {
  settings: Settings;
  configFile: string | null;
  sources: Partial<Record<keyof Settings, SettingSource>>;
  /** What a tolerant resolution left out, in words; always empty otherwise. */
  problems: string[];
}

/** The built-in defaults, parsed exactly like a config file so SETTINGS_KEYS stays their only source. */
// Coerced like flags rather than validated with the config-file schema, so a run without a config file never
// loads zod (start-up time is part of every turn's overhead).
export const DEFAULT_SETTINGS: SettingsLayer = flagLayer(
  Object.fromEntries(
    SETTING_NAMES.flatMap((key) =>
      SETTINGS_KEYS[key].default === null ? [] : [[key, SETTINGS_KEYS[key].default]],
    ),
  ),
  '/',
);

const GROUPED = new Map(EXCLUSIVE_GROUPS.flatMap((group) => group.map((key) => [key, group] as const)));

/**
 * Per key, the value of the first layer that sets it. The keys of an exclusive group (trustAllTools/trustTools,
 * systemPrompt/systemPromptFile) travel together: the highest layer that sets either one decides the whole group,
 * so `--trust-tools` drops a config `trustAllTools: true`. `from` gives the index of the layer each value came from.
 */
export function mergeLayers(layers: readonly SettingsLayer[]): {
  settings: SettingsLayer;
  from: Partial<Record<keyof Settings, number>>;
} {
  const settings: Record<string, unknown> = {};
  const from: Partial<Record<keyof Settings, number>> = {};
  for (const key of [...SETTING_NAMES, ...RUN_SETTING_NAMES]) {
    const group = GROUPED.get(key) ?? [key];
    const winner = layers.findIndex((layer) => group.some((member) => layer[member] !== undefined));
    if (winner === -1 || layers[winner]?.[key] === undefined) continue;
    settings[key] = layers[winner][key];
    from[key] = winner;
  }
  return {settings: settings as SettingsLayer, from};
}

/** Resolves every setting with precedence flag > env > config file > default, per key (see `mergeLayers`). */
export async function resolveSettings(input: ResolveInput): Promise<ResolvedSettings> {
  const problems: string[] = [];
  // In a tolerant resolution a layer that cannot be read is left out and said in `problems`.
  const tolerate = <T>(read: () => T, fallback: T): T => {
    if (!input.tolerant) return read();
    try {
      return read();
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      problems.push(error.message);
      return fallback;
    }
  };
  const fromFlags = flagLayer(input.flags, input.cwd);
  const fromEnv = tolerate(() => envLayer(input.env, input.cwd), {});
  const search = {cwd: input.cwd, configPath: input.configPath, env: input.env};
  const loaded = input.tolerant
    ? await tryLoadConfig(search)
    : {ok: true as const, ...(await loadConfig(search))};
  if (!loaded.ok) problems.push(loaded.error.message);
  const config = loaded.ok ? loaded.config : {};
  const filepath = loaded.ok ? loaded.filepath : null;
  const names: SettingSource[] = ['flag', 'env', 'config', 'default'];
  const merged = mergeLayers([fromFlags, fromEnv, config, DEFAULT_SETTINGS]);
  const settings: Record<string, unknown> = merged.settings;
  const sources: Partial<Record<keyof Settings, SettingSource>> = {};
  for (const [key, index] of Object.entries(merged.from))
    sources[key as keyof Settings] = names[index] ?? 'default';
  if (typeof settings.cwd === 'string' && sources.cwd === 'flag') {
    // A bad --cwd is a usage error even in a tolerant resolution: the user typed it just now.
    checkDirectory(settings.cwd, SETTINGS_KEYS.cwd.flag ?? 'cwd');
  } else if (typeof settings.cwd === 'string') {
    const where = `cwd (in ${filepath})`;
    const dir = settings.cwd;
    if (!tolerate(() => checkDirectory(dir, where), false)) {
      delete settings.cwd;
      delete sources.cwd;
    }
  }
  return {settings: settings as unknown as Settings, configFile: filepath, sources, problems};
}

/** A missing cwd would make spawning kiro-cli fail with ENOENT, which reads as "kiro-cli not found". */
function checkDirectory(dir: string, where: string): true {
  const stats = statSync(dir, {throwIfNoEntry: false});
  if (stats === undefined) throw new UsageError(`${where}: directory not found: ${dir}`);
  if (!stats.isDirectory()) throw new UsageError(`${where}: not a directory: ${dir}`);
  return true;
}
