import {acpEngine} from './acp/engine.js';
import {headlessEngine} from './headless/run-turn.js';
import type {Engine, EngineName, TurnRunner} from './turn.js';

// One entry per engine: a new way of talking to kiro-cli adds its name to ENGINES and its engine here.
const ENGINES_BY_NAME: Readonly<Record<EngineName, Engine>> = {headless: headlessEngine, acp: acpEngine};

/** The engine that runs turns the named way. */
export function engineFor(name: EngineName): Engine {
  return ENGINES_BY_NAME[name];
}

/** What runs a batch's turns, at most `size` at a time: the engine's runner, or the engine turn by turn. */
export function openTurnRunner(name: EngineName, size: number): TurnRunner {
  const engine = engineFor(name);
  return engine.openRunner?.(size) ?? {runTurn: (input) => engine.runTurn(input), close: async () => {}};
}
