import {
  KIND_TYPES,
  type Effort,
  type EngineName,
  type HarnessName,
  type OutputFormat,
  type PermissionMode,
  type SettingKind,
} from './kinds.js';

export {
  EFFORTS,
  ENGINES,
  HARNESS_NAMES,
  PERMISSION_MODES,
  KIND_TYPES,
  OUTPUT_FORMATS,
  type Effort,
  type EngineName,
  type HarnessName,
  type OutputFormat,
  type PermissionMode,
  type SettingKind,
} from './kinds.js';

/** The settings shared by `ask`, `batch`, `doctor` and `sessions`, fully parsed: durations in ms, paths absolute. */
export interface Settings {
  model?: string;
  effort?: Effort;
  agent?: string;
  /** The kiro-cli harness to pin; unset leaves the choice to kiro-cli. */
  harness?: HarnessName;
  /** How kiro-x talks to kiro-cli: its headless transcript or the Agent Client Protocol. */
  engine: EngineName;
  /** ACP: what happens to a permission request no trust flag covers. */
  permissionMode: PermissionMode;
  /** Directory kiro-cli runs in; checked to exist. */
  cwd?: string;
  /** A bare name is looked up on PATH; anything with a slash is an absolute path. */
  cliPath: string;
  trustAllTools?: boolean;
  trustTools?: string[];
  systemPrompt?: string;
  systemPromptFile?: string;
  tools?: string[];
  /** A generated profile with no tools at all. */
  noTools?: boolean;
  allowTools?: string[];
  resource?: string[];
  mcpConfig?: string;
  allowCommand?: string[];
  denyCommand?: string[];
  allowPath?: string[];
  keepProfile?: boolean;
  timeout: number;
  /** 0 turns stall detection off. */
  stallTimeout: number;
  whoamiTimeout: number;
  output: OutputFormat;
  junitFile?: string;
  noSessionId: boolean;
  concurrency: number;
  retries: number;
  failFast: boolean;
  maxCredits?: number;
  results?: string;
  strict: boolean;
  /** `mcp`: directories a tool call may name as its cwd (realpath'd at start); unset: the server's cwd only. */
  allowCwd?: string[];
  /** `mcp`: models a tool call may ask for; unset: any. */
  allowModel?: string[];
  /** `mcp`: agents a tool call may ask for; unset: any. */
  allowAgent?: string[];
  /** `mcp`: turns running at once, sync and async together. */
  maxConcurrent: number;
  /** `mcp`: largest prompt a tool call may send, in UTF-8 bytes. */
  maxPromptBytes: number;
  /** `mcp`: how long a finished async task stays readable, in ms. */
  taskRetention: number;
  /** `mcp`: finished async tasks kept at most. */
  maxTasks: number;
  /** `ask`: continue the latest conversation of the working directory (a flag, for one run). */
  resume?: boolean;
  /** `ask`: continue the conversation with this session id (a flag, for one run). */
  resumeId?: string;
}

/** One key's settings, before defaults: what a flag, env or config layer contributed. */
export type SettingsLayer = Partial<Settings>;

/** Where a resolved value came from. */
export type SettingSource = 'flag' | 'env' | 'config' | 'default';

/** Metadata of one settings key, for parsers, docs and `.kirorc.example`. */
export interface SettingSpec {
  kind: SettingKind;
  /** What a value must look like, in words. */
  type: string;
  /** The flag that sets it; null for the keys only the environment and config files set. */
  flag: string | null;
  /** The `KIRO_X_*` variable that sets it, if any. */
  env: string | null;
  /** The default as written in a config file; null when the key has none. */
  default: string | number | boolean | null;
  description: string;
}

type Default = SettingSpec['default'];

function spec(kind: SettingKind, env: string | null, fallback: Default, description: string) {
  return {kind, type: KIND_TYPES[kind], env, default: fallback, description};
}

const SPECS: Record<keyof Settings, Omit<SettingSpec, 'flag'>> = {
  model: spec('string', 'KIRO_X_MODEL', null, 'Model id passed to kiro-cli.'),
  effort: spec('effort', 'KIRO_X_EFFORT', null, 'Reasoning effort.'),
  agent: spec('string', 'KIRO_X_AGENT', null, 'Name of an existing kiro-cli agent to run.'),
  harness: spec(
    'harness',
    'KIRO_X_HARNESS',
    null,
    "kiro-cli harness to pin: v2 or v3 (default: kiro-cli's choice).",
  ),
  engine: spec(
    'engine',
    'KIRO_X_ENGINE',
    'headless',
    'How kiro-x talks to kiro-cli: headless (the chat transcript) or acp (the Agent Client Protocol).',
  ),
  permissionMode: spec(
    'permissionMode',
    'KIRO_X_PERMISSION_MODE',
    'deny',
    'acp: a permission request no trust flag covers is denied (deny), ends the turn (fail), or is asked on a terminal (ask).',
  ),
  cwd: spec('directory', null, null, 'Directory kiro-cli runs in (default: the current directory).'),
  cliPath: spec(
    'command',
    'KIRO_X_CLI_PATH',
    'kiro-cli',
    'The kiro-cli executable: a name on PATH or a path.',
  ),
  trustAllTools: spec(
    'boolean',
    'KIRO_X_TRUST_ALL_TOOLS',
    null,
    'Let the agent use every tool without asking.',
  ),
  trustTools: spec(
    'toolList',
    'KIRO_X_TRUST_TOOLS',
    null,
    "Tools the agent may use without asking, on top of kiro-cli's default (read, grep, glob in the cwd).",
  ),
  systemPrompt: spec('string', null, null, 'Extra system prompt for the generated agent.'),
  systemPromptFile: spec('path', 'KIRO_X_SYSTEM_PROMPT_FILE', null, 'File holding the extra system prompt.'),
  tools: spec('toolList', null, null, 'Tools the generated agent has.'),
  noTools: spec(
    'boolean',
    null,
    null,
    'Give the generated agent no tools at all: nothing runs, not even reads.',
  ),
  allowTools: spec('toolList', null, null, 'Tools the generated agent may use without asking.'),
  resource: spec('globList', null, null, 'Files (globs) loaded into the agent context.'),
  mcpConfig: spec('path', 'KIRO_X_MCP_CONFIG', null, 'MCP servers file (mcp.json) for the generated agent.'),
  allowCommand: spec('regexList', null, null, 'Shell commands (regexes) the agent may run.'),
  denyCommand: spec('regexList', null, null, 'Shell commands (regexes) the agent must never run.'),
  allowPath: spec('globList', null, null, 'Paths (globs) the agent may write to.'),
  keepProfile: spec('boolean', null, null, 'Keep the generated agent profile after the run.'),
  timeout: spec('duration', 'KIRO_X_TIMEOUT', '30m', 'Longest a turn may run.'),
  stallTimeout: spec('durationOrOff', 'KIRO_X_STALL_TIMEOUT', '5m', 'Longest a turn may go silent (0: off).'),
  whoamiTimeout: spec('duration', 'KIRO_X_WHOAMI_TIMEOUT', '5s', 'Longest the login check may take.'),
  output: spec('output', 'KIRO_X_OUTPUT', 'text', 'Result format on stdout.'),
  junitFile: spec('path', 'KIRO_X_JUNIT_FILE', null, 'Also write a JUnit report to this file.'),
  noSessionId: spec('boolean', 'KIRO_X_NO_SESSION_ID', false, 'Do not look up the session id after a turn.'),
  concurrency: spec('positiveInteger', 'KIRO_X_CONCURRENCY', 4, 'batch: prompts run at once.'),
  retries: spec('nonNegativeInteger', 'KIRO_X_RETRIES', 0, 'batch: extra attempts for a failed prompt.'),
  failFast: spec('boolean', null, false, 'batch: stop starting prompts after the first failure.'),
  maxCredits: spec(
    'positiveNumber',
    null,
    null,
    'batch: stop starting prompts once this many credits are spent.',
  ),
  results: spec('path', 'KIRO_X_RESULTS', null, 'batch: results ledger file (JSON Lines), for resuming.'),
  strict: spec('boolean', null, false, 'doctor: treat warnings as failures.'),
  allowCwd: spec(
    'directoryList',
    'KIRO_X_ALLOW_CWD',
    null,
    "mcp: directories a tool call may run in (default: the server's working directory).",
  ),
  allowModel: spec(
    'toolList',
    'KIRO_X_ALLOW_MODEL',
    null,
    'mcp: models a tool call may ask for (default: any).',
  ),
  allowAgent: spec(
    'toolList',
    'KIRO_X_ALLOW_AGENT',
    null,
    'mcp: agents a tool call may ask for (default: any).',
  ),
  maxConcurrent: spec('positiveInteger', 'KIRO_X_MAX_CONCURRENT', 4, 'mcp: turns running at once.'),
  maxPromptBytes: spec(
    'positiveInteger',
    'KIRO_X_MAX_PROMPT_BYTES',
    1048576,
    'mcp: largest prompt a tool call may send, in bytes.',
  ),
  taskRetention: spec(
    'duration',
    'KIRO_X_TASK_RETENTION',
    '1h',
    'mcp: how long a finished async task stays readable.',
  ),
  maxTasks: spec('positiveInteger', 'KIRO_X_MAX_TASKS', 100, 'mcp: finished async tasks kept at most.'),
  resume: spec('boolean', null, null, 'Continue the latest conversation of the working directory.'),
  resumeId: spec('sessionId', null, null, 'Continue the conversation with this session id.'),
};

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** Keys no command has a flag for. */
const WITHOUT_FLAG: ReadonlySet<string> = new Set(['whoamiTimeout']);

/** Every settings key with its kind, flag, env variable, default and description. */
export const SETTINGS_KEYS: Readonly<Record<keyof Settings, SettingSpec>> = Object.fromEntries(
  Object.entries(SPECS).map(([key, entry]) => [
    key,
    {...entry, flag: WITHOUT_FLAG.has(key) ? null : `--${kebab(key)}`},
  ]),
) as Record<keyof Settings, SettingSpec>;

/**
 * Keys only a flag sets, for one run: continuing a conversation is never a default, so neither the environment
 * nor a config file may set them.
 */
export const RUN_SETTING_NAMES: readonly (keyof Settings)[] = ['resume', 'resumeId'];

/** The keys of a config file (every key but the run-only ones), in documentation order. */
export const SETTING_NAMES = (Object.keys(SPECS) as (keyof Settings)[]).filter(
  (key) => !RUN_SETTING_NAMES.includes(key),
);

/** Variable naming an explicit config file (like `--config`). */
export const CONFIG_ENV_VAR = 'KIRO_X_CONFIG';

/** Every environment variable kiro-x reads for its settings. */
export const ENV_VARS: readonly string[] = [
  CONFIG_ENV_VAR,
  ...SETTING_NAMES.flatMap((key) => (SETTINGS_KEYS[key].env === null ? [] : [SETTINGS_KEYS[key].env])),
];

/** Keys that replace each other as a unit across layers and may not be mixed within one layer. */
export const EXCLUSIVE_GROUPS: readonly (readonly [keyof Settings, keyof Settings])[] = [
  ['trustAllTools', 'trustTools'],
  ['systemPrompt', 'systemPromptFile'],
  ['tools', 'noTools'],
];
