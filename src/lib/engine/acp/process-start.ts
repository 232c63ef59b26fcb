import type {AskResult} from '../../ask/result.js';
import type {TurnInput} from '../turn.js';
import {openAcpProcess, type AcpProcess} from './acp-process.js';
import {planAcpTurn, processSpec, startFailure, type AcpTurnPlan} from './turn-plan.js';

/** A started process and the plan it was started by (its launch, and the session to load: none, a new one). */
export interface AcpStarted {
  ok: true;
  kiro: AcpProcess;
  plan: AcpTurnPlan;
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
export async function startAcpProcess(input: TurnInput): Promise<AcpStarted | AcpNotStarted> {
  const plan = await planAcpTurn(input);
  if ('failure' in plan) return {ok: false, result: plan.failure};
  const started = await openAcpProcess(processSpec(plan));
  if (!started.ok) return {ok: false, result: await startFailure(plan, started)};
  return {ok: true, kiro: started.process, plan};
}
