import type {Outcome} from './outcomes.js';

/** The one table from outcome to process exit code; README and tests read it from here. */
export const EXIT_CODES: Readonly<Record<Outcome, number>> = {
  completed: 0,
  failed: 1,
  usage_error: 2,
  mcp_startup_failed: 3,
  agent_not_found: 4,
  auth_failed: 5,
  cli_not_found: 6,
  cli_usage_error: 7,
  timed_out: 8,
  stalled: 9,
  usage_limited: 10,
  refused: 11,
  max_tokens: 12,
  max_turn_requests: 13,
  permission_denied: 14,
  resume_failed: 15,
  cancelled: 130,
};

/** Exit code for an outcome; a cancel by SIGTERM exits 143 where SIGINT exits 130 (128 + signal number). */
export function exitCodeFor(outcome: Outcome, cancelSignal?: 'SIGINT' | 'SIGTERM' | null): number {
  if (outcome === 'cancelled' && cancelSignal === 'SIGTERM') return 143;
  return EXIT_CODES[outcome];
}
