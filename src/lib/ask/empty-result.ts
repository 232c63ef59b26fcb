import type {AskResult} from './result.js';
import type {Outcome} from '../outcomes.js';

/** A result for a turn that never started (kiro-x's own usage error, missing binary, failed preflight). */
export function emptyResult(outcome: Outcome, message: string, extra: Partial<AskResult> = {}): AskResult {
  return {
    schemaVersion: 1,
    ok: false,
    outcome,
    message,
    text: '',
    messages: [],
    transcript: null,
    toolCalls: [],
    deniedTools: [],
    credits: null,
    kiroTimeMs: null,
    durationMs: 0,
    exitCode: null,
    signal: null,
    sessionId: null,
    resumed: null,
    model: null,
    agent: null,
    warnings: [],
    stderrTail: '',
    command: [],
    permissions: [],
    ...extra,
  };
}
