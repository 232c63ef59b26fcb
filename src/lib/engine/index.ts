import type {Engine, EngineName, TurnRunner} from './turn.js';

// One entry per engine: a new way of talking to kiro-cli adds its name to ENGINES and its loader here. Each is
// loaded on first use, so a headless turn never loads the ACP client (its SDK and zod) and the reverse.
const ENGINE_LOADERS: Readonly<Record<EngineName, () => Promise<Engine>>> = {
  headless: async () => (await import('./headless/run-turn.js')).headlessEngine,
  acp: async () => (await import('./acp/engine.js')).acpEngine,
};

/** The engine that runs turns the named way. */
export function engineFor(name: EngineName): Promise<Engine> {
  return ENGINE_LOADERS[name]();
}

/**
 * What runs a batch's turns, at most `size` at a time: the engine's runner (ACP: a process pool), or the engine
 * turn by turn. The engine loads with the first turn.
 */
export function openTurnRunner(name: EngineName, size: number): TurnRunner {
  const opened = engineFor(name).then(
    (engine): TurnRunner =>
      engine.openRunner?.(size) ?? {runTurn: (input) => engine.runTurn(input), close: async () => {}},
  );
  return {
    runTurn: async (input) => (await opened).runTurn(input),
    close: async () => (await opened).close(),
  };
}
