import {cliNotFoundSuggestions} from '../engine/cli-missing.js';
import type {AskResult, Outcome} from '../types.js';

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
  mcp_startup_failed: [
    "check the agent's MCP servers: each command must start on its own",
    'run `kiro-x doctor`',
  ],
};

/**
 * The next steps shown for an outcome; errors raised outside `ask` use the same text. `cliPath` is the kiro-cli
 * kiro-x ran: when it was a path, a missing kiro-cli means that path is wrong, not that --cli-path is missing.
 */
export function suggestionsFor(outcome: Outcome, cliPath?: string): string[] {
  if (outcome === 'cli_not_found') return cliNotFoundSuggestions(cliPath);
  return [...SUGGESTIONS[outcome]];
}

/** The `error:` block for a failed outcome: the message, then one `  → step` line per suggestion. */
export function formatError(message: string, suggestions: readonly string[]): string {
  return [`error: ${message}`, ...suggestions.map((s) => `  → ${s}`)].join('\n') + '\n';
}

/**
 * What text mode prints: the answer on stdout (also a partial one from an unfinished turn), warnings and the
 * error with its next steps on stderr.
 */
export function formatAskText(result: AskResult, cliPath?: string): {stdout: string; stderr: string} {
  const stdout = result.outcome === 'completed' || result.text !== '' ? `${result.text}\n` : '';
  let stderr = result.warnings.map((w) => `warning: ${w}\n`).join('');
  if (!result.ok) stderr += formatError(result.message, suggestionsFor(result.outcome, cliPath));
  return {stdout, stderr};
}
