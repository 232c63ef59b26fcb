import type {Engine, TurnInput, TurnOutput} from '../turn.js';
import {AcpConversation} from './conversation.js';
import {AcpPool} from './pool.js';

/**
 * The ACP engine: one `kiro-cli acp` process per turn, one session in it (new, or loaded for a resume), the
 * prompt, and a cooperative end (session/cancel, then stdin closed, then TERM → KILL of the group): an
 * {@link AcpConversation} of one prompt. A program's `openSession` keeps the conversation for every prompt; a
 * batch keeps its processes between items (`openRunner`, see `pool.ts`).
 */
export const acpEngine: Engine = {
  name: 'acp',
  runTurn: runAcpEngineTurn,
  openRunner: (size) => new AcpPool(size),
};

async function runAcpEngineTurn(input: TurnInput): Promise<TurnOutput> {
  const conversation = new AcpConversation(input);
  let output: TurnOutput | null = null;
  try {
    output = await conversation.turn(input);
  } finally {
    const exit = await conversation.close();
    // The process served this turn alone: how it ended belongs to the result, as headless.
    const result = output?.result;
    if (output !== null && exit !== null && result?.exitCode === null && result.signal === null) {
      output = {...output, result: {...result, ...exit}};
    }
  }
  return output;
}
