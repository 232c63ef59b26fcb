import type {Classification, TurnEvidence} from './evidence.js';
import type {Outcome} from '../../outcomes.js';
import {redact} from '../../redact.js';
import {fsReason} from '../../fs/path-problem.js';
import {cliNotFoundMessage} from '../cli-missing.js';
import {usageLimitKind} from './usage-limit.js';

// Spawn errors that mean "there is no runnable kiro-cli at that path".
const MISSING_BINARY = new Set(['ENOENT', 'EACCES', 'ENOTDIR']);
const SHELL_SIGNALS: Readonly<Record<number, string>> = {130: 'SIGINT', 137: 'SIGKILL', 143: 'SIGTERM'};
const MAX_QUOTE_CHARS = 200;
// kiro-cli's own severity words; the message says what happened in its own words.
const SEVERITY_PREFIX = /^(?:error|warning|fatal)\s*:\s*/i;
const PROFILE_ARN = /profileArn is required[^.]*/;

/**
 * The outcome of one turn from the evidence the runner gathered. A turn completed only when kiro-cli exited 0
 * and printed its trailer (` ▸ Credits: …`, or ` ▸ Time: …` for subscriptions without credits): exit 0 alone
 * also covers bad keys, denied tools, usage limits and backend errors.
 */
export function classify(evidence: TurnEvidence): Classification {
  const {stopReason, spawnErrorCode, exitCode, stderr, stdout, requestedAgent} = evidence;
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
  if (stderr.authFailed) return result('auth_failed', authMessage(evidence));
  if (stdout.loginPrompt)
    return result('auth_failed', 'kiro-cli asked for a browser login: no usable credential was found.');
  const ran = exitCode === 0 && stderr.trailer;
  const limit = limitLine(stderr.usageLimit, stdout.usageLimit);
  if (!ran && limit !== null) return result('usage_limited', limitMessage(limit, stderr.limitResets));
  if (exitCode === 4) {
    const name = requestedAgent === null ? 'requested' : `"${requestedAgent}"`;
    return result(
      'agent_not_found',
      `kiro-cli exited 4: the ${name} agent is unavailable${because(evidence)}.`,
    );
  }
  if (requestedAgent !== null && stderr.agentFallbacks.includes(requestedAgent)) {
    return result(
      'agent_not_found',
      `kiro-cli found no agent named "${requestedAgent}" and fell back to its default, so the requested restrictions were not applied.`,
    );
  }
  if (exitCode === 3) {
    return result(
      'mcp_startup_failed',
      `kiro-cli exited 3: an MCP server failed to start${because(evidence)}.`,
    );
  }
  // Top-level clap errors exit 2; since 2.4.2 a bad flag after `chat` exits 1 with clap's usage text.
  if (exitCode === 2 || (exitCode === 1 && stderr.cliUsage !== null)) {
    const line = stderr.cliUsage ?? stderr.explanation;
    const what = line === null ? '' : `: ${quote(line)}`;
    return result('cli_usage_error', `kiro-cli rejected its command line (exit ${exitCode}${what}).`);
  }
  if (ran) return result('completed', completedMessage(evidence));
  return result('failed', failedMessage(evidence));
}

function authMessage({exitCode, signal, stderr, apiKeySet}: TurnEvidence): string {
  const line = stderr.explanation ?? '';
  const profile = PROFILE_ARN.exec(line)?.[0];
  if (profile !== undefined) {
    return `kiro-cli's login cannot run turns (${ended(exitCode, signal)}: ${quote(profile)}): the IAM Identity Center subscription has no usable profile, although whoami says logged in.`;
  }
  if (apiKeySet) {
    return `kiro-cli rejected the API key in KIRO_API_KEY (${ended(exitCode, signal)}): it is invalid or expired.`;
  }
  const what = line === '' ? '' : `: ${quote(line)}`;
  return `kiro-cli reported an authentication failure (${ended(exitCode, signal)}${what}).`;
}

// V3 puts the sentence on stdout and only the backend's error code on stderr: quote the sentence.
function limitLine(fromStderr: string | null, fromStdout: string | null): string | null {
  if (fromStderr === null || fromStdout === null) return fromStderr ?? fromStdout;
  return usageLimitKind(fromStderr) === 'human' ? fromStderr : fromStdout;
}

function limitMessage(line: string, resets: string | null): string {
  const until = resets === null ? 'no turn can run until it resets' : `the limits reset on ${resets}`;
  return `kiro-cli's usage limit is reached (${quote(line)}); ${until}, so retrying sooner will not help.`;
}

function completedMessage({stderr}: TurnEvidence): string {
  const facts = [
    stderr.credits === null ? null : `credits ${stderr.credits}`,
    stderr.kiroTimeMs === null ? null : `kiro time ${stderr.kiroTimeMs / 1000}s`,
  ].filter((fact) => fact !== null);
  const denied = stderr.deniedTools.length === 0 ? '' : `; refused tools: ${stderr.deniedTools.join(', ')}`;
  return `The turn completed${facts.length === 0 ? '' : ` (${facts.join(', ')})`}${denied}.`;
}

function failedMessage(evidence: TurnEvidence): string {
  const {exitCode, signal} = evidence;
  if (exitCode === null && signal !== null) return `kiro-cli was killed by ${signal}${because(evidence)}.`;
  if (exitCode === null) return `kiro-cli ended without an exit code or a signal${because(evidence)}.`;
  if (exitCode === 0) {
    return `kiro-cli exited 0 without a "▸ Credits:" or "▸ Time:" trailer, so the turn did not run${because(evidence)}.`;
  }
  const viaSignal = SHELL_SIGNALS[exitCode];
  return `kiro-cli exited ${exitCode}${viaSignal === undefined ? '' : ` (${viaSignal})`}${because(evidence)}.`;
}

// ` (the line that best explains it)`, labelled when the service is at fault; '' when stderr said nothing useful.
function because({stderr}: TurnEvidence): string {
  const line = stderr.explanation;
  if (line === null) return '';
  const backend = stderr.backendTrouble.some((trouble) => line.startsWith(trouble));
  return ` (${backend ? 'backend: ' : ''}${quote(line)})`;
}

function ended(exitCode: number | null, signal: string | null): string {
  if (exitCode !== null) return `exit ${exitCode}`;
  return signal === null ? 'no exit code' : `killed by ${signal}`;
}

function quote(text: string): string {
  const line = text.replace(SEVERITY_PREFIX, '').replace(/[.:\s]+$/, '');
  return line.length > MAX_QUOTE_CHARS ? `${line.slice(0, MAX_QUOTE_CHARS - 1)}…` : line;
}
