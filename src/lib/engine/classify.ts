import type {Classification, Outcome, TurnEvidence} from '../types.js';
import {redact} from '../redact.js';
import {fsReason} from '../fs/path-problem.js';
import {cliNotFoundMessage} from './cli-missing.js';

// Spawn errors that mean "there is no runnable kiro-cli at that path".
const MISSING_BINARY = new Set(['ENOENT', 'EACCES', 'ENOTDIR']);
const SHELL_SIGNALS: Readonly<Record<number, string>> = {130: 'SIGINT', 137: 'SIGKILL', 143: 'SIGTERM'};
const MAX_QUOTE_CHARS = 120;

/**
 * The outcome of one turn from the evidence the runner gathered. A turn completed only when kiro-cli exited 0
 * and printed the credits trailer: exit 0 alone also covers bad keys, denied tools and backend errors.
 */
export function classify(evidence: TurnEvidence): Classification {
  const {stopReason, spawnErrorCode, exitCode, signal, stderr, stdout, requestedAgent} = evidence;
  const result = (outcome: Outcome, message: string): Classification => ({
    outcome,
    message: redact(message, []),
  });

  if (stopReason === 'SIGINT' || stopReason === 'SIGTERM') {
    return result('cancelled', `The turn was cancelled by ${stopReason} and kiro-cli was stopped.`);
  }
  if (stopReason === 'timeout')
    return result('timed_out', 'The turn exceeded its time limit and kiro-cli was stopped.');
  if (stopReason === 'stall') {
    return result('stalled', 'kiro-cli printed nothing for longer than the stall limit and was stopped.');
  }
  if (stopReason === 'login-prompt') {
    return result(
      'auth_failed',
      'kiro-cli started a browser login that cannot finish headless, so it was stopped.',
    );
  }
  if (spawnErrorCode !== null && MISSING_BINARY.has(spawnErrorCode)) {
    return result('cli_not_found', cliNotFoundMessage(evidence.cliPath ?? 'kiro-cli', spawnErrorCode));
  }
  if (exitCode === 127) return result('cli_not_found', 'kiro-cli exited 127: the binary was not found.');
  if (spawnErrorCode !== null) {
    const why = fsReason(
      Object.assign(new Error(spawnErrorCode), {code: spawnErrorCode}),
      'kiro-cli',
      'read',
    );
    return result('failed', `kiro-cli could not be started: ${why}.`);
  }
  if (stderr.authFailed) {
    return result(
      'auth_failed',
      `kiro-cli reported an authentication failure (${ended(exitCode, signal)}): the API key is invalid or expired, or there is no login.`,
    );
  }
  if (stdout.loginPrompt)
    return result('auth_failed', 'kiro-cli asked for a browser login: no usable credential was found.');
  if (exitCode === 4) {
    const name = requestedAgent === null ? 'requested' : `"${requestedAgent}"`;
    return result('agent_not_found', `kiro-cli exited 4: the ${name} agent is unavailable.`);
  }
  if (requestedAgent !== null && stderr.agentFallbacks.includes(requestedAgent)) {
    return result(
      'agent_not_found',
      `kiro-cli found no agent named "${requestedAgent}" and fell back to its default, so the requested restrictions were not applied.`,
    );
  }
  if (exitCode === 3)
    return result('mcp_startup_failed', 'kiro-cli exited 3: an MCP server failed to start.');
  if (exitCode === 2) return result('cli_usage_error', 'kiro-cli exited 2: it rejected its command line.');
  if (exitCode === 0 && stderr.trailer) return result('completed', completedMessage(evidence));
  return result('failed', failedMessage(evidence));
}

function completedMessage({stderr}: TurnEvidence): string {
  const facts = [
    stderr.credits === null ? null : `credits ${stderr.credits}`,
    stderr.kiroTimeMs === null ? null : `kiro time ${stderr.kiroTimeMs / 1000}s`,
  ].filter((fact) => fact !== null);
  const denied = stderr.deniedTools.length === 0 ? '' : `; refused tools: ${stderr.deniedTools.join(', ')}`;
  return `The turn completed${facts.length === 0 ? '' : ` (${facts.join(', ')})`}${denied}.`;
}

function failedMessage({exitCode, signal, stderr}: TurnEvidence): string {
  if (exitCode === null && signal !== null) return `kiro-cli was killed by ${signal}.`;
  if (exitCode === null) return 'kiro-cli ended without an exit code or a signal.';
  const backend = stderr.backendTrouble[0];
  const reason = backend === undefined ? stderr.warnings[0] : `backend: ${backend}`;
  const because = reason === undefined ? '' : ` (${quote(reason)})`;
  if (exitCode === 0) {
    return `kiro-cli exited 0 but printed no "▸ Credits:" trailer, so the turn did not run${because}.`;
  }
  const viaSignal = SHELL_SIGNALS[exitCode];
  return `kiro-cli exited ${exitCode}${viaSignal === undefined ? '' : ` (${viaSignal})`}${because}.`;
}

function ended(exitCode: number | null, signal: string | null): string {
  if (exitCode !== null) return `exit ${exitCode}`;
  return signal === null ? 'no exit code' : `killed by ${signal}`;
}

function quote(text: string): string {
  const line = text.replace(/[.\s]+$/, '');
  return line.length > MAX_QUOTE_CHARS ? `${line.slice(0, MAX_QUOTE_CHARS - 1)}…` : line;
}
