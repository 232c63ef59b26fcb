import type {StderrFacts} from '../../src/lib/engine/headless/evidence.js';

/** kiro-cli's stderr when it said nothing: the base the classifier tables add their findings to. */
export const QUIET_STDERR: StderrFacts = {
  credits: null,
  kiroTimeMs: null,
  trailer: false,
  authFailed: false,
  usageLimit: null,
  limitResets: null,
  cliUsage: null,
  agentFallbacks: [],
  deniedTools: [],
  backendTrouble: [],
  warnings: [],
  explanation: null,
};
