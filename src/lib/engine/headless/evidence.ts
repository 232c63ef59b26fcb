import type {ToolCall} from '../../ask/result.js';
import type {Outcome} from '../../outcomes.js';
import type {StopReason} from '../process/kiro-process.js';

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
