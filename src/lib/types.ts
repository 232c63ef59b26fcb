import type {StopReason} from './engine/process/start-kiro.js';

export type {StopReason};

/** Every way a kiro-x turn can end; the exit code of each is in `exit-codes.ts`. */
export const OUTCOMES = [
  'completed',
  'failed',
  'usage_error',
  'mcp_startup_failed',
  'agent_not_found',
  'auth_failed',
  'cli_not_found',
  'cli_usage_error',
  'timed_out',
  'stalled',
  'usage_limited',
  'cancelled',
] as const;

/** The classified result of one turn. */
export type Outcome = (typeof OUTCOMES)[number];

/** A tool the agent used, parsed from a ` (using tool: NAME)` header in the transcript. */
export interface ToolCall {
  /** Tool name as kiro-cli prints it after `using tool:` (e.g. `shell`, `read`), or `@server` for MCP tools. */
  tool: string;
  /** The header line without the ` (using tool: …)` suffix. */
  title: string;
  /** From the ` - Completed in 0.4s` line that closes the block, when there is one. */
  durationMs?: number;
}

/** What the stdout transcript of one turn contained, ANSI stripped. */
export interface TranscriptSummary {
  /** Every assistant message, in order, markers removed, trailing whitespace trimmed. */
  messages: string[];
  /** The last assistant message ('' when there was none). */
  text: string;
  /** The cleaned stdout, tool lines included; null when the caller asked not to keep it. */
  transcript: string | null;
  toolCalls: ToolCall[];
  /** A device-code login prompt appeared: kiro-cli is waiting for a browser login that never comes. */
  loginPrompt: boolean;
  /** A usage-limit line outside the assistant's messages (V3 prints `You've reached your monthly usage limit.`). */
  usageLimit: string | null;
}

/** What stderr of one turn told us. */
export interface StderrFacts {
  /** From the ` ▸ Credits: X • Time: Y` trailer; null when the trailer never came or had no credits. */
  credits: number | null;
  kiroTimeMs: number | null;
  /** The trailer (` ▸ Credits: …` or the credit-less ` ▸ Time: …`) was seen: the only proof that a turn ran. */
  trailer: boolean;
  /** `Authentication failed.` / `Not logged in` / `profileArn is required` lines. */
  authFailed: boolean;
  /** The line that names a usage limit (a sentence rather than an error code when both came), or null. */
  usageLimit: string | null;
  /** The date of `The limits reset on 10/01.`, as printed. */
  limitResets: string | null;
  /** The line of clap's error (`error: unexpected argument …`, else `Usage: kiro-cli…`), or null. */
  cliUsage: string | null;
  /** Names from `Error: no agent with name X found. Falling back …`. */
  agentFallbacks: string[];
  /** Tools refused in non-interactive mode (`Command X is rejected because …`, `Tool approval required …`). */
  deniedTools: string[];
  /** Backend trouble lines (outages, rate limits and throttling, unavailable models and capacity). */
  backendTrouble: string[];
  /** Every warning worth showing a user, in order, deduplicated; a message kiro-cli split over lines is joined. */
  warnings: string[];
  /** The message that best explains a failure (never known noise such as the MCP notice), or null. */
  explanation: string | null;
}

/** Everything the classifier looks at: pure data gathered by the runner. */
export interface TurnEvidence {
  /** Set when the binary could not be started (`ENOENT`, `EACCES`, …). */
  spawnErrorCode: string | null;
  exitCode: number | null;
  signal: string | null;
  stopReason: StopReason | null;
  stderr: StderrFacts;
  stdout: Pick<TranscriptSummary, 'loginPrompt' | 'usageLimit'>;
  /** The agent name kiro-x passed with `--agent` (given by the user or generated), if any. */
  requestedAgent: string | null;
  /** KIRO_API_KEY was set, so an authentication failure means kiro-cli rejected that key. */
  apiKeySet: boolean;
  /** The kiro-cli name or path kiro-x ran, for messages (default `kiro-cli`). */
  cliPath?: string;
}

/** The classifier's verdict. */
export interface Classification {
  outcome: Outcome;
  /** One human sentence explaining the outcome. */
  message: string;
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
  /** Path of the generated agent profile when `--keep-profile` kept it. */
  profilePath?: string;
}
