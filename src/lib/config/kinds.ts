import {EFFORTS, type Effort} from '../engine/turn.js';

export {EFFORTS, type Effort};

/** kiro-cli chat harnesses kiro-x can pin (`--harness`). */
export const HARNESS_NAMES = ['v2', 'v3'] as const;
/** A pinnable harness. */
export type HarnessName = (typeof HARNESS_NAMES)[number];

/** Result formats of `--output`. */
export const OUTPUT_FORMATS = ['text', 'json', 'junit'] as const;
/** A result format. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** How a key's value is read and checked; the same kind drives the env, flag and config-file parsers. */
export type SettingKind =
  | 'string'
  | 'effort'
  | 'harness'
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
