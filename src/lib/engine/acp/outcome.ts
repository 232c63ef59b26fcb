import type {StderrFacts} from '../headless/evidence.js';
import {redact} from '../../redact.js';
import {readStderrLine} from '../headless/stderr-lines.js';
import {limitResetDate, usageLimitKind} from '../headless/usage-limit.js';
import type {AcpOutcome} from './outcomes-acp.js';

/** Why kiro-x itself cancelled an ACP turn. */
export type AcpCancelCause = 'timeout' | 'stall' | 'SIGINT' | 'SIGTERM';

/** A JSON-RPC error answer to one of kiro-x's requests, its message and data joined into one text. */
export interface RpcFailure {
  method: string;
  code: number;
  text: string;
}

/** Everything the ACP outcome is decided from: pure data gathered by the turn runner. */
export interface AcpTurnEvidence {
  /** The `stopReason` session/prompt answered, or null when it answered none. */
  stopReason: string | null;
  /** The JSON-RPC error that ended the turn (session/prompt's, or a setup request's). */
  rpcError: RpcFailure | null;
  /** kiro-x cancelled the turn (the answer, if any, then says `cancelled`). */
  cancelledBy: AcpCancelCause | null;
  /** The first request the policy denied in `fail` permission mode. */
  permissionFailure: {tool: string; title: string} | null;
  /** Why session/load failed, when the turn was to resume a session. */
  resumeFailure: string | null;
  /** The agent kiro-x asked for and kiro-cli did not find (it fell back to its default). */
  agentMissing: string | null;
  /** The request kiro-cli left unanswered, and the bound it exceeded (null: the process ended first). */
  unanswered: {method: string; timeoutMs: number | null} | null;
  /** How kiro-cli ended, when it ended before answering. */
  exit: {exitCode: number | null; signal: string | null} | null;
  stderr: StderrFacts;
  /** KIRO_API_KEY was set, so an authentication failure means kiro-cli refused that key. */
  apiKeySet: boolean;
}

/** What the turn itself found before anything is known: none of the facts that end a turn early. */
export const NOTHING_FOUND = {
  stopReason: null,
  rpcError: null,
  cancelledBy: null,
  permissionFailure: null,
  resumeFailure: null,
  agentMissing: null,
  unanswered: null,
} as const satisfies Partial<AcpTurnEvidence>;

/** The verdict on an ACP turn. */
export interface AcpClassification {
  outcome: AcpOutcome;
  message: string;
}

const STOP_REASONS: Readonly<Record<string, {outcome: AcpOutcome; message: string}>> = {
  end_turn: {outcome: 'completed', message: 'The turn completed'},
  refusal: {outcome: 'refused', message: 'The model refused to answer (stop reason refusal)'},
  max_tokens: {outcome: 'max_tokens', message: 'The answer hit the token limit (stop reason max_tokens)'},
  max_turn_requests: {
    outcome: 'max_turn_requests',
    message: 'The turn hit its limit of model requests (stop reason max_turn_requests)',
  },
  cancelled: {outcome: 'cancelled', message: 'kiro-cli cancelled the turn (stop reason cancelled)'},
};
const CANCELS: Readonly<Record<AcpCancelCause, {outcome: AcpOutcome; message: string}>> = {
  timeout: {outcome: 'timed_out', message: 'The turn exceeded its time limit and was cancelled.'},
  stall: {
    outcome: 'stalled',
    message: 'kiro-cli sent nothing for longer than the stall limit; the turn was cancelled.',
  },
  SIGINT: {outcome: 'cancelled', message: 'The turn was cancelled by SIGINT.'},
  SIGTERM: {outcome: 'cancelled', message: 'The turn was cancelled by SIGTERM.'},
};
const AUTH = /Authentication failed|not logged in|profileArn is required/i;
const MAX_QUOTE_CHARS = 200;

/** The outcome of an ACP turn: kiro-cli's declared stop reason first, then its errors, then how it ended. */
export function classifyAcp(evidence: AcpTurnEvidence): AcpClassification {
  const verdict = decide(evidence);
  return {outcome: verdict.outcome, message: redact(verdict.message, [])};
}

function decide(e: AcpTurnEvidence): AcpClassification {
  if (e.resumeFailure !== null) return {outcome: 'resume_failed', message: e.resumeFailure};
  if (e.agentMissing !== null) {
    return {
      outcome: 'agent_not_found',
      message: `kiro-cli found no agent named "${e.agentMissing}" and fell back to its default, so the turn was not run.`,
    };
  }
  if (e.permissionFailure !== null) {
    const {tool, title} = e.permissionFailure;
    return {
      outcome: 'permission_denied',
      message: `The permission policy denied the ${tool} tool (${quote(title)}) and the turn was ended (permission mode fail).`,
    };
  }
  if (e.cancelledBy !== null) return CANCELS[e.cancelledBy];
  if (e.stopReason !== null) {
    const known = STOP_REASONS[e.stopReason];
    if (known === undefined)
      return {outcome: 'failed', message: `kiro-cli answered an unknown stop reason "${e.stopReason}".`};
    return {outcome: known.outcome, message: `${known.message}.`};
  }
  if (e.rpcError !== null) return fromError(e.rpcError, e.apiKeySet);
  return fromSilence(e);
}

function fromError({method, code, text}: RpcFailure, apiKeySet: boolean): AcpClassification {
  const lines = text.split('\n').map((line) => line.trim());
  const limit = lines.find((line) => usageLimitKind(line) !== null);
  if (limit !== undefined) {
    const resets = lines.map(limitResetDate).find((date) => date !== null) ?? null;
    return {outcome: 'usage_limited', message: limitMessage(limit, resets)};
  }
  if (AUTH.test(text)) {
    const why = apiKeySet ? ': the API key in KIRO_API_KEY is invalid or expired' : '';
    return {outcome: 'auth_failed', message: `kiro-cli refused the credential (${quote(text)})${why}.`};
  }
  // Rate limits and outages read as backend trouble, which the batch retry policy recognises.
  const backend = lines.some((line) => readStderrLine(line).kind === 'backend') ? 'backend: ' : '';
  return {
    outcome: 'failed',
    message: `kiro-cli answered ${method} with error ${code} (${backend}${quote(text)}).`,
  };
}

function fromSilence(e: AcpTurnEvidence): AcpClassification {
  const {stderr, exit} = e;
  const method = e.unanswered?.method ?? 'session/prompt';
  const best = stderr.explanation;
  if (stderr.authFailed || (best !== null && AUTH.test(best))) {
    return {
      outcome: 'auth_failed',
      message: `kiro-cli has no usable credential (${quote(best ?? 'authentication failed')}).`,
    };
  }
  if (exit?.exitCode === 4) {
    return {
      outcome: 'agent_not_found',
      message: `kiro-cli could not use the requested agent${because(best)}.`,
    };
  }
  if (exit?.exitCode === 2 || stderr.cliUsage !== null) {
    const line = stderr.cliUsage ?? best;
    return {outcome: 'cli_usage_error', message: `kiro-cli rejected its command line${because(line)}.`};
  }
  if (stderr.usageLimit !== null) {
    return {outcome: 'usage_limited', message: limitMessage(stderr.usageLimit, stderr.limitResets)};
  }
  const bound = e.unanswered?.timeoutMs ?? null;
  if (bound !== null) {
    return {
      outcome: 'failed',
      message: `kiro-cli did not answer ${method} within ${bound} ms${because(best)}.`,
    };
  }
  if (exit === null) {
    return {outcome: 'failed', message: `kiro-cli ended without answering ${method}${because(best)}.`};
  }
  const how =
    exit.exitCode === null ? `was killed by ${exit.signal ?? 'a signal'}` : `exited ${exit.exitCode}`;
  return {outcome: 'failed', message: `kiro-cli ${how} without answering ${method}${because(best)}.`};
}

function limitMessage(line: string, resets: string | null): string {
  const until = resets === null ? 'no turn can run until it resets' : `the limits reset on ${resets}`;
  return `kiro-cli's usage limit is reached (${quote(line)}); ${until}, so retrying sooner will not help.`;
}

function because(line: string | null): string {
  return line === null ? '' : ` (${quote(line)})`;
}

// kiro-cli's own severity word and trailing punctuation add nothing inside kiro-x's sentence.
function quote(text: string): string {
  const line = text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/^(?:error|warning|fatal)\s*:\s*/i, '')
    .replace(/[.:\s]+$/, '');
  return line.length > MAX_QUOTE_CHARS ? `${line.slice(0, MAX_QUOTE_CHARS - 1)}…` : line;
}
