import {acpEngine} from './acp/engine.js';
import {headlessEngine} from './headless/run-turn.js';
import type {Engine, EngineName} from './turn.js';

// One entry per engine: a new way of talking to kiro-cli adds its name to ENGINES and its engine here.
const ENGINES_BY_NAME: Readonly<Record<EngineName, Engine>> = {headless: headlessEngine, acp: acpEngine};

/** The engine that runs turns the named way. */
export function engineFor(name: EngineName): Engine {
  return ENGINES_BY_NAME[name];
}
