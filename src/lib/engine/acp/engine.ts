import {emptyResult} from '../../ask/empty-result.js';
import type {AskResult} from '../../ask/result.js';
import {cliNotFoundMessage} from '../cli-missing.js';
import {TextSpool} from '../process/text-spool.js';
import type {Engine, TurnInput, TurnOutput} from '../turn.js';
import {openAcpProcess} from './acp-process.js';
import {handshakeFailure} from './handshake-failure.js';
import {removeStaleLock} from './load-session.js';
import {planAcpLaunch} from './launch.js';
import {resumeTarget} from './resume-target.js';
import {startAcpTurn, type AcpTurn} from './run-turn.js';
import {sessionStoreDir} from '../../sessions/store-paths.js';

/** Bound of `initialize` when the turn's own limit does not cut it shorter. */
const HANDSHAKE_TIMEOUT_MS = 30_000;
/** How long a finished kiro-cli gets to exit by itself once its stdin is closed. */
const EXIT_WAIT_MS = 2000;
const DEFAULT_GRACE_MS = 5000;

/**
 * The ACP engine: one `kiro-cli acp` process per turn, one session in it (new, or loaded for a resume), the
 * prompt, and a cooperative end (session/cancel, then stdin closed, then TERM → KILL of the group). Batch
 * workers and `openSession` keep the process instead (see `pool.ts` and the query session driver).
 */
export const acpEngine: Engine = {name: 'acp', runTurn: runAcpEngineTurn};

async function runAcpEngineTurn(input: TurnInput): Promise<TurnOutput> {
  const startedAt = input.startedAt ?? Date.now();
  const trust = acpTrust(input);
  const launch = await planAcpLaunch({...input, trust});
  const apiKeySet = Boolean(input.env.KIRO_API_KEY);
  const failed = (outcome: AskResult['outcome'], message: string): TurnOutput =>
    output(emptyResult(outcome, message, {model: input.model ?? null, agent: input.agent ?? null}), input);
  const target = await resumeTarget({...input, dialect: launch.dialect});
  if ('failure' in target) return failed('resume_failed', target.failure);
  const left = input.timeoutMs > 0 ? Math.max(1, input.timeoutMs - (Date.now() - startedAt)) : 0;
  const started = await openAcpProcess({
    ...input,
    args: launch.args,
    dialect: launch.dialect,
    initializeTimeoutMs: left > 0 ? Math.min(left, HANDSHAKE_TIMEOUT_MS) : HANDSHAKE_TIMEOUT_MS,
  });
  if (!started.ok) {
    if (started.reason === 'cancelled') return failed('cancelled', 'Cancelled before kiro-cli answered.');
    if (started.reason === 'spawn')
      return failed('cli_not_found', cliNotFoundMessage(input.cliPath, started.code));
    const common = {command: launch.command, secrets: input.secrets, apiKeySet, startedAt};
    return output(await handshakeFailure(started.error, common), input);
  }
  const {process: kiro} = started;
  let turn: AcpTurn | null = null;
  let result: AskResult | null = null;
  try {
    turn = startAcpTurn(kiro.connection, {
      prompt: input.prompt,
      cwd: input.cwd,
      trust,
      permissionMode: input.permissionMode ?? 'deny',
      askUser: input.askUser,
      agent: input.agent,
      model: input.model,
      effort: input.effort,
      resumeId: target.resumeId,
      storeDir: sessionStoreDir(input.env),
      command: launch.command,
      secrets: input.secrets,
      apiKeySet,
      timeoutMs: left,
      stallTimeoutMs: input.stallTimeoutMs,
      signal: input.signal,
      onEvent: input.onEvent,
      startedAt,
    });
    result = await turn.result;
  } finally {
    // A cancel kiro-cli did not answer leaves nothing to wait for: stdin is closed and the group ended at once.
    const wait = turn?.abandoned === true ? 0 : EXIT_WAIT_MS;
    const exit = await kiro.shutdown(wait, input.graceMs ?? DEFAULT_GRACE_MS);
    // A kiro-cli that had to be killed could not release its session's lock: it names a dead pid, ours.
    if (result?.sessionId) removeStaleLock(sessionStoreDir(input.env), result.sessionId, kiro.pid);
    // The process served this turn alone: how it ended belongs to the result, as headless.
    if (result !== null && result.exitCode === null && result.signal === null) {
      result = {...result, exitCode: exit.exitCode, signal: exit.signal};
    }
  }
  return output(result, input);
}

/**
 * The trust the permission policy applies: the flags, plus what a generated profile auto-approves (V3 does not
 * read `allowedTools`, and V2 asks for them all the same when the profile is not the one in use).
 */
function acpTrust(input: TurnInput): TurnInput['trust'] {
  if (input.trust.all === true || input.allowedTools === undefined || input.allowedTools.length === 0) {
    return input.trust;
  }
  return {tools: [...new Set([...input.trust.tools, ...input.allowedTools])]};
}

/** The engine's output: the texts move into spools, as the headless engine hands them over. */
function output(result: AskResult, input: TurnInput): TurnOutput {
  const kept = input.keepTranscript ? result.messages : result.messages.slice(-1);
  const messages = kept.map((text) => {
    const spool = new TextSpool();
    spool.append(text);
    return spool;
  });
  return {
    result: {...result, text: '', messages: [], transcript: null},
    texts: {messages, transcript: null},
  };
}
