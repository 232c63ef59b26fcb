import type {PermissionRecord} from '../engine/events.js';
import type {Outcome} from '../outcomes.js';

/** A tool the agent used, parsed from a ` (using tool: NAME)` header in the transcript. */
export interface ToolCall {
  /** Tool name as kiro-cli prints it after `using tool:` (e.g. `shell`, `read`), or `@server` for MCP tools. */
  tool: string;
  /** The header line without the ` (using tool: …)` suffix. */
  title: string;
  /** From the ` - Completed in 0.4s` line that closes the block, when there is one. */
  durationMs?: number;
}

/** The `--json` document of `kiro-x ask` (schemaVersion 1; JSON Schema in `schema/ask-result.schema.json`). */
export interface AskResult {
  schemaVersion: 1;
  /** True only for `completed`. */
  ok: boolean;
  outcome: Outcome;
  message: string;
  text: string;
  messages: string[];
  /** Cleaned stdout, tool lines included; null when kiro-x did not keep it (text mode). */
  transcript: string | null;
  toolCalls: ToolCall[];
  deniedTools: string[];
  credits: number | null;
  kiroTimeMs: number | null;
  /** Wall time of the whole `ask`, preflight included. */
  durationMs: number;
  /** kiro-cli's own exit code; null when it did not start or was ended by a signal. */
  exitCode: number | null;
  signal: string | null;
  /** The kiro conversation the turn went to, proven from kiro-cli's session store; null when unknown. */
  sessionId: string | null;
  /**
   * With `--resume`/`--resume-id`: true when the turn continued that conversation, false when kiro-cli started
   * another one instead (the outcome stays `completed`; a warning says so). Null when no resume was asked or
   * it could not be told.
   */
  resumed: boolean | null;
  model: string | null;
  agent: string | null;
  warnings: string[];
  /** The last lines of kiro-cli's stderr, secrets redacted. */
  stderrTail: string;
  /** The kiro-cli argv with the prompt replaced by `<prompt>`; empty when kiro-cli never started. */
  command: string[];
  /**
   * Every permission request of the turn and what kiro-x answered, in order (ACP engine; empty headless, where
   * kiro-cli decides by itself and only its refusals show, in `deniedTools`).
   */
  permissions: PermissionRecord[];
  /** Path of the generated agent profile when `--keep-profile` kept it. */
  profilePath?: string;
}

/**
 * The `--json` document: the result marked `"type": "result"`, the same object that ends a `stream-json` output
 * (the mark comes first, so a stream reader knows the line at once).
 */
export type AskDocument = {type: 'result'} & AskResult;

/** The `--json` document of a result. */
export function askDocument(result: AskResult): AskDocument {
  return {type: 'result', ...result};
}
