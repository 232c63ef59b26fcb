import type {ChalkInstance} from 'chalk';
import {cliNotFoundSuggestions} from '../engine/cli-missing.js';
import type {AskResult} from '../ask/result.js';
import type {Outcome} from '../outcomes.js';
import {errorLabel, warningLabel} from './terminal.js';

const SUGGESTIONS: Readonly<Record<Outcome, readonly string[]>> = {
  completed: [],
  failed: [],
  usage_error: [],
  cancelled: [],
  auth_failed: ['set KIRO_API_KEY or run `kiro-cli login`, then `kiro-x doctor`'],
  cli_not_found: cliNotFoundSuggestions(undefined),
  cli_usage_error: [
    'your kiro-cli is too old for a flag kiro-x passed: upgrade kiro-cli',
    'run `kiro-x doctor`',
  ],
  agent_not_found: ['check the agent name', 'run `kiro-x doctor --agent <name>`'],
  timed_out: ['raise --timeout'],
  stalled: ['raise --stall-timeout (kiro-cli printed nothing for that long)'],
  usage_limited: ["wait for the reset, or raise the account's limit (plan or overages) in the Kiro account"],
  mcp_startup_failed: [
    "check the agent's MCP servers: each command must start on its own",
    'run `kiro-x doctor`',
  ],
  refused: ['the model declined the request: rephrase the prompt'],
  max_tokens: ["the answer reached the model's output limit: ask for less at once"],
  max_turn_requests: ['the turn reached its limit of model requests: split the task'],
  permission_denied: ['trust the tool with --trust-tools, or choose another --permission-mode (deny, ask)'],
  resume_failed: [
    'list the ids with `kiro-x sessions list`',
    'or start a new conversation without --resume-id',
  ],
};
// With KIRO_API_KEY set, "set KIRO_API_KEY" is no advice: the key that is set was rejected.
const REJECTED_KEY = ['create a new API key and put it in KIRO_API_KEY', 'then run `kiro-x doctor`'];
// kiro-cli's own severity words at the start of a line, and the warning sign of its rate-limit notice.
const ERROR_WORD = /^(?:(?:error|fatal)\s*:|\[ERROR\])\s*/i;
const WARNING_WORD = /^(?:warning\s*:|⚠\uFE0F?)\s*/i;
// What the session-id lookup says when it learnt nothing; beside a failed turn it is only noise.
const SESSION_ID_UNKNOWN = 'session id unknown';

/** What the text rendering needs beyond the result. */
export interface TextContext {
  /** KIRO_API_KEY was set for the turn, so an authentication failure means the key was rejected. */
  apiKeySet?: boolean;
  /** The kiro-cli kiro-x ran (a name or a path), for the next steps when it could not be started. */
  cliPath?: string | undefined;
  /** Colours kiro-x's own `error:`/`warning:` labels (see `output/terminal.ts`); plain when absent. */
  paint?: ChalkInstance;
}

/**
 * The next steps shown for an outcome; errors raised outside `ask` use the same text. `cliPath` is the kiro-cli
 * kiro-x ran: when it was a path, a missing kiro-cli means that path is wrong, not that --cli-path is missing.
 */
export function suggestionsFor(
  outcome: Outcome,
  context: Pick<TextContext, 'apiKeySet' | 'cliPath'> = {},
): string[] {
  if (outcome === 'auth_failed' && context.apiKeySet === true) return [...REJECTED_KEY];
  if (outcome === 'cli_not_found') return cliNotFoundSuggestions(context.cliPath);
  return [...SUGGESTIONS[outcome]];
}

/** The `error:` block for a failed outcome: the message, then one `  → step` line per suggestion. */
export function formatError(message: string, suggestions: readonly string[], paint?: ChalkInstance): string {
  return [`${errorLabel(paint)} ${message}`, ...suggestions.map((s) => `  → ${s}`)].join('\n') + '\n';
}

/**
 * A kiro-cli warning line as kiro-x shows it: kiro-cli's own `error:`/`WARNING:` word becomes the label, so no
 * line reads `warning: error: …`, and a line kiro-cli called an error stays one.
 */
export function formatWarning(line: string, paint?: ChalkInstance): string {
  if (ERROR_WORD.test(line)) return `${errorLabel(paint)} ${line.replace(ERROR_WORD, '')}`;
  return `${warningLabel(paint)} ${line.replace(WARNING_WORD, '')}`;
}

/**
 * What text mode prints: the answer on stdout (also a partial one from an unfinished turn), warnings and the
 * error with its next steps on stderr. Beside a failed turn, a warning the error already quotes and the
 * session-id lookup's "unknown" are left out: the error comes first to the eye.
 */
export function formatAskText(
  result: AskResult,
  context: TextContext = {},
): {stdout: string; stderr: string} {
  const stdout = result.outcome === 'completed' || result.text !== '' ? `${result.text}\n` : '';
  const shown = result.ok
    ? result.warnings
    : result.warnings.filter((w) => !besideFailure(w, result.message));
  let stderr = shown.map((w) => `${formatWarning(w, context.paint)}\n`).join('');
  if (!result.ok)
    stderr += formatError(result.message, suggestionsFor(result.outcome, context), context.paint);
  return {stdout, stderr};
}

function besideFailure(warning: string, message: string): boolean {
  if (warning.startsWith(SESSION_ID_UNKNOWN)) return true;
  const core = warning
    .replace(ERROR_WORD, '')
    .replace(WARNING_WORD, '')
    .replace(/[.:\s]+$/, '');
  return core !== '' && message.includes(core);
}
