import {emptyResult} from '../../ask/empty-result.js';
import type {AskResult} from '../../ask/result.js';
import {sessionStoreDir} from '../../sessions/store-paths.js';
import {cliNotFoundMessage} from '../cli-missing.js';
import type {Trust, TurnInput} from '../turn.js';
import type {AcpProcessSpec, AcpStart} from './acp-process.js';
import {handshakeFailure} from './handshake-failure.js';
import {planAcpLaunch, type AcpLaunch} from './launch.js';
import {resumeTarget} from './resume-target.js';
import type {AcpTurnInput} from './turn-input.js';

/** Bound of `initialize` when the turn's own limit does not cut it shorter. */
const HANDSHAKE_TIMEOUT_MS = 30_000;
/** How long a finished kiro-cli gets to exit by itself once its stdin is closed. */
export const EXIT_WAIT_MS = 2000;
/** SIGTERM-to-SIGKILL grace when the turn names none. */
export const DEFAULT_GRACE_MS = 5000;

/** One ACP turn, planned: the process it needs (dialect and argv) and the session to load, if any. */
export interface AcpTurnPlan {
  input: TurnInput;
  /** When kiro-x started the turn: the timeout counts from here, a process start included. */
  startedAt: number;
  trust: Trust;
  launch: AcpLaunch;
  resumeId: string | undefined;
  apiKeySet: boolean;
}

/** Plans a turn, or says why it cannot run (a resume target of the other engine, or none to resume). */
export async function planAcpTurn(input: TurnInput): Promise<AcpTurnPlan | {failure: AskResult}> {
  const startedAt = input.startedAt ?? Date.now();
  const trust = acpTrust(input);
  const launch = await planAcpLaunch({...input, trust});
  const target = await resumeTarget({...input, dialect: launch.dialect});
  if ('failure' in target) return {failure: failedResult(input, 'resume_failed', target.failure)};
  const apiKeySet = Boolean(input.env.KIRO_API_KEY);
  return {input, startedAt, trust, launch, resumeId: target.resumeId, apiKeySet};
}

/** What is left of the turn's timeout (at least 1 ms), or 0 when it has none. */
export function timeLeft(plan: AcpTurnPlan): number {
  const {timeoutMs} = plan.input;
  return timeoutMs > 0 ? Math.max(1, timeoutMs - (Date.now() - plan.startedAt)) : 0;
}

/** How to start the process the turn needs; the handshake is bounded by what is left of the turn's time. */
export function processSpec(plan: AcpTurnPlan): AcpProcessSpec {
  const left = timeLeft(plan);
  return {
    ...plan.input,
    args: plan.launch.args,
    dialect: plan.launch.dialect,
    initializeTimeoutMs: left > 0 ? Math.min(left, HANDSHAKE_TIMEOUT_MS) : HANDSHAKE_TIMEOUT_MS,
  };
}

/** The turn's result when its process could not be started or did not complete the handshake. */
export async function startFailure(
  plan: AcpTurnPlan,
  started: Exclude<AcpStart, {ok: true}>,
): Promise<AskResult> {
  const {input} = plan;
  if (started.reason === 'cancelled')
    return failedResult(input, 'cancelled', 'Cancelled before kiro-cli answered.');
  if (started.reason === 'spawn')
    return failedResult(input, 'cli_not_found', cliNotFoundMessage(input.cliPath, started.code));
  const {command} = plan.launch;
  return handshakeFailure(started.error, {
    command,
    secrets: input.secrets,
    apiKeySet: plan.apiKeySet,
    startedAt: plan.startedAt,
  });
}

/** The input of `startAcpTurn`; a reused process passes where its stderr stands (`connection.stderr.mark()`). */
export function acpTurnInput(plan: AcpTurnPlan, stderrSince?: number): AcpTurnInput {
  const {input} = plan;
  return {
    prompt: input.prompt,
    cwd: input.cwd,
    trust: plan.trust,
    permissionMode: input.permissionMode ?? 'deny',
    askUser: input.askUser,
    agent: input.agent,
    model: input.model,
    effort: input.effort,
    resumeId: plan.resumeId,
    storeDir: sessionStoreDir(input.env),
    command: plan.launch.command,
    secrets: input.secrets,
    apiKeySet: plan.apiKeySet,
    timeoutMs: timeLeft(plan),
    stallTimeoutMs: input.stallTimeoutMs,
    stderrSince,
    signal: input.signal,
    onEvent: input.onEvent,
    startedAt: plan.startedAt,
  };
}

function failedResult(input: TurnInput, outcome: AskResult['outcome'], message: string): AskResult {
  return emptyResult(outcome, message, {model: input.model ?? null, agent: input.agent ?? null});
}

/**
 * The trust the permission policy applies: the flags, plus what a generated profile auto-approves (V3 does not
 * read `allowedTools`, and V2 asks for them all the same when the profile is not the one in use).
 */
function acpTrust(input: Pick<TurnInput, 'trust' | 'allowedTools'>): Trust {
  if (input.trust.all === true || input.allowedTools === undefined || input.allowedTools.length === 0) {
    return input.trust;
  }
  return {tools: [...new Set([...input.trust.tools, ...input.allowedTools])]};
}
