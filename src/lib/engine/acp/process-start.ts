import {emptyResult} from '../../ask/empty-result.js';
import type {AskResult} from '../../ask/result.js';
import {cliNotFoundMessage} from '../cli-missing.js';
import type {TurnInput} from '../turn.js';
import {openAcpProcess, type AcpProcess} from './acp-process.js';
import {handshakeFailure} from './handshake-failure.js';
import {planAcpLaunch, type AcpLaunch} from './launch.js';
import {resumeTarget} from './resume-target.js';

/** Bound of `initialize` when the turn's own limit does not cut it shorter. */
const HANDSHAKE_TIMEOUT_MS = 30_000;

/** What decides how a conversation's `kiro-cli acp` process starts, and which session it continues. */
export type AcpStartInput = Pick<
  TurnInput,
  | 'cliPath'
  | 'cwd'
  | 'env'
  | 'trust'
  | 'harness'
  | 'agent'
  | 'model'
  | 'effort'
  | 'resume'
  | 'resumeId'
  | 'secrets'
  | 'signal'
> & {
  /** What is left of the turn's bound (0: none), which also bounds the handshake. */
  leftMs: number;
  startedAt: number;
};

/** A started process, its launch, and the session to load in it (none: a new one). */
export interface AcpStarted {
  ok: true;
  kiro: AcpProcess;
  launch: AcpLaunch;
  resumeId: string | undefined;
}

/** Why no process serves the turn, as its result. */
export interface AcpNotStarted {
  ok: false;
  result: AskResult;
}

/**
 * Plans the launch (dialect, argv), finds the session to continue (`--resume`: the store's latest), starts
 * `kiro-cli acp` through the process seam and performs the handshake; every failure is the turn's result.
 */
export async function startAcpProcess(input: AcpStartInput): Promise<AcpStarted | AcpNotStarted> {
  const launch = await planAcpLaunch(input);
  const failed = (outcome: AskResult['outcome'], message: string): AcpNotStarted => ({
    ok: false,
    result: emptyResult(outcome, message, {model: input.model ?? null, agent: input.agent ?? null}),
  });
  const target = await resumeTarget({...input, dialect: launch.dialect});
  if ('failure' in target) return failed('resume_failed', target.failure);
  const {leftMs} = input;
  const started = await openAcpProcess({
    ...input,
    args: launch.args,
    dialect: launch.dialect,
    initializeTimeoutMs: leftMs > 0 ? Math.min(leftMs, HANDSHAKE_TIMEOUT_MS) : HANDSHAKE_TIMEOUT_MS,
  });
  if (started.ok) return {ok: true, kiro: started.process, launch, resumeId: target.resumeId};
  if (started.reason === 'cancelled') return failed('cancelled', 'Cancelled before kiro-cli answered.');
  if (started.reason === 'spawn')
    return failed('cli_not_found', cliNotFoundMessage(input.cliPath, started.code));
  const common = {
    command: launch.command,
    secrets: input.secrets,
    apiKeySet: Boolean(input.env.KIRO_API_KEY),
    startedAt: input.startedAt,
  };
  return {ok: false, result: await handshakeFailure(started.error, common)};
}
