import {statSync} from 'node:fs';

import {UsageError} from '../errors.js';
import {envLayer, flagLayer} from './layers.js';
import {loadConfig} from './load-config.js';
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
}

/** The merged settings, the config file they used, and where each value came from. */
export interface ResolvedSettings {
  settings: Settings;
  configFile: string | null;
  sources: Partial<Record<keyof Settings, SettingSource>>;
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
 * Resolves every setting with precedence flag > env > config file > default, per key; the run-only keys come
 * from flags alone. The keys of an exclusive group (trustAllTools/trustTools, systemPrompt/systemPromptFile)
 * travel together: the highest layer that sets either one decides the whole group, so `--trust-tools` drops a
 * config `trustAllTools: true`.
 */
export async function resolveSettings(input: ResolveInput): Promise<ResolvedSettings> {
  const fromFlags = flagLayer(input.flags, input.cwd);
  const fromEnv = envLayer(input.env, input.cwd);
  const {config, filepath} = await loadConfig({cwd: input.cwd, configPath: input.configPath, env: input.env});
  const layers: [SettingSource, SettingsLayer][] = [
    ['flag', fromFlags],
    ['env', fromEnv],
    ['config', config],
    ['default', DEFAULT_SETTINGS],
  ];
  const settings: Record<string, unknown> = {};
  const sources: Partial<Record<keyof Settings, SettingSource>> = {};
  for (const key of [...SETTING_NAMES, ...RUN_SETTING_NAMES]) {
    const group = GROUPED.get(key) ?? [key];
    const winner = layers.find(([, layer]) => group.some((member) => layer[member] !== undefined));
    if (winner === undefined || winner[1][key] === undefined) continue;
    settings[key] = winner[1][key];
    sources[key] = winner[0];
  }
  if (typeof settings.cwd === 'string') {
    checkDirectory(
      settings.cwd,
      sources.cwd === 'flag' ? (SETTINGS_KEYS.cwd.flag ?? 'cwd') : `cwd (in ${filepath})`,
    );
  }
  return {settings: settings as unknown as Settings, configFile: filepath, sources};
}

/** A missing cwd would make spawning kiro-cli fail with ENOENT, which reads as "kiro-cli not found". */
function checkDirectory(dir: string, where: string): void {
  const stats = statSync(dir, {throwIfNoEntry: false});
  if (stats === undefined) throw new UsageError(`${where}: directory not found: ${dir}`);
  if (!stats.isDirectory()) throw new UsageError(`${where}: not a directory: ${dir}`);
}
