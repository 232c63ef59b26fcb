import {
  EFFORTS,
  ENGINES,
  PERMISSION_MODES,
  type Effort,
  type EngineName,
  type PermissionMode,
} from '../engine/turn.js';

export {EFFORTS, ENGINES, PERMISSION_MODES, type Effort, type EngineName, type PermissionMode};

/** kiro-cli chat harnesses kiro-x can pin (`--harness`). */
export const HARNESS_NAMES = ['v2', 'v3'] as const;
/** A pinnable harness. */
export type HarnessName = (typeof HARNESS_NAMES)[number];

/** Result formats of `--output`; `stream-json` is `ask`'s (events as they happen, then the JSON document). */
export const OUTPUT_FORMATS = ['text', 'json', 'junit', 'stream-json'] as const;
/** A result format. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
/** The format of a command whose result is one document, which has no events to stream. */
export type DocumentFormat = Exclude<OutputFormat, 'stream-json'>;

/** A configured `stream-json` reads as `json` for commands that print one document (batch, doctor, sessions). */
export function documentFormat(format: OutputFormat): DocumentFormat {
  return format === 'stream-json' ? 'json' : format;
}

/** How a key's value is read and checked; the same kind drives the env, flag and config-file parsers. */
export type SettingKind =
  | 'string'
  | 'effort'
  | 'harness'
  | 'engine'
  | 'permissionMode'
  | 'output'
  | 'sessionId'
  | 'path'
  | 'directory'
  | 'command'
  | 'boolean'
  | 'toolList'
  | 'globList'
  | 'directoryList'
  | 'regexList'
  | 'duration'
  | 'durationOrOff'
  | 'positiveInteger'
  | 'nonNegativeInteger'
  | 'positiveNumber';

/** What each kind expects, as quoted in validation messages. */
export const KIND_TYPES: Record<SettingKind, string> = {
  string: 'a non-empty string',
  effort: `one of ${EFFORTS.join(', ')}`,
  harness: `one of ${HARNESS_NAMES.join(', ')}`,
  engine: `one of ${ENGINES.join(', ')}`,
  permissionMode: `one of ${PERMISSION_MODES.join(', ')}`,
  output: `one of ${OUTPUT_FORMATS.join(', ')}`,
  sessionId: 'a session id (a UUID, or sess_<UUID> for the V3 harness)',
  path: 'a file path',
  directory: 'a directory path',
  command: 'a command name or path',
  boolean: 'true or false',
  toolList: 'an array of strings',
  globList: 'an array of strings',
  directoryList: 'an array of directory paths',
  regexList: 'an array of regular expression strings',
  duration: 'a duration (seconds, or a string like "30s", "5m", "1h30m")',
  durationOrOff: 'a duration (seconds, or a string like "30s", "5m"; 0 turns it off)',
  positiveInteger: 'an integer ≥ 1',
  nonNegativeInteger: 'an integer ≥ 0',
  positiveNumber: 'a number > 0',
};
