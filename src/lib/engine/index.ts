import type {Engine, EngineName} from './turn.js';

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
