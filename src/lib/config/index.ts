/* The configuration resolver: settings metadata, config-file loading and flag > env > file > default. */
export {
  mergeLayers,
  resolveSettings,
  DEFAULT_SETTINGS,
  type ResolveInput,
  type ResolvedSettings,
} from './resolve.js';
export {
  CONFIG_SEARCH_PLACES,
  loadConfig,
  tryLoadConfig,
  type ConfigLoadResult,
  type LoadConfigOptions,
  type LoadedConfig,
} from './load-config.js';
export {configSchema, parseConfigObject} from './schema.js';
export {envLayer, flagLayer} from './layers.js';
export {
  CONFIG_ENV_VAR,
  EFFORTS,
  ENV_VARS,
  EXCLUSIVE_GROUPS,
  OUTPUT_FORMATS,
  RUN_SETTING_NAMES,
  SETTING_NAMES,
  SETTINGS_KEYS,
  type Effort,
  type OutputFormat,
  type SettingKind,
  type SettingSource,
  type SettingSpec,
  type Settings,
  type SettingsLayer,
} from './settings.js';
