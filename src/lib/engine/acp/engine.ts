import type {AskResult} from '../../ask/result.js';
import type {Engine, TurnInput, TurnOutput} from '../turn.js';
import {openAcpProcess} from './acp-process.js';
import {AcpPool} from './pool.js';
import {startAcpTurn, type AcpTurn} from './run-turn.js';
import {
  acpTurnInput,
  DEFAULT_GRACE_MS,
  EXIT_WAIT_MS,
  planAcpTurn,
  processSpec,
  startFailure,
  turnOutput,
} from './turn-plan.js';

/**
 * The ACP engine: one `kiro-cli acp` process per turn, one session in it (new, or loaded for a resume), the
 * prompt, and a cooperative end (session/cancel, then stdin closed, then TERM → KILL of the group). A batch
 * keeps its processes between turns instead (`openRunner`, see `pool.ts`).
 */
export const acpEngine: Engine = {
  name: 'acp',
  runTurn: runAcpEngineTurn,
  openRunner: (size) => new AcpPool(size),
};

async function runAcpEngineTurn(input: TurnInput): Promise<TurnOutput> {
  const plan = await planAcpTurn(input);
  if ('failure' in plan) return turnOutput(plan.failure, input);
  const started = await openAcpProcess(processSpec(plan));
  if (!started.ok) return turnOutput(await startFailure(plan, started), input);
  const {process: kiro} = started;
  let turn: AcpTurn | null = null;
  let result: AskResult | null = null;
  try {
    turn = startAcpTurn(kiro.connection, acpTurnInput(plan));
    result = await turn.result;
  } finally {
    // A cancel kiro-cli did not answer leaves nothing to wait for: stdin is closed and the group ended at once.
    const wait = turn?.abandoned === true ? 0 : EXIT_WAIT_MS;
    const exit = await kiro.shutdown(wait, input.graceMs ?? DEFAULT_GRACE_MS);
    // The process served this turn alone: how it ended belongs to the result, as headless.
    if (result !== null && result.exitCode === null && result.signal === null) {
      result = {...result, exitCode: exit.exitCode, signal: exit.signal};
    }
  }
  return turnOutput(result, input);
}
