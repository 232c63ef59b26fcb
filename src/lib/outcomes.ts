/** Every way a kiro-x turn can end; the exit code of each is in `exit-codes.ts`. */
export const OUTCOMES = [
  'completed',
  'failed',
  'usage_error',
  'mcp_startup_failed',
  'agent_not_found',
  'auth_failed',
  'cli_not_found',
  'cli_usage_error',
  'timed_out',
  'stalled',
  'usage_limited',
  'refused',
  'max_tokens',
  'max_turn_requests',
  'permission_denied',
  'resume_failed',
  'cancelled',
] as const;

/** The classified result of one turn. */
export type Outcome = (typeof OUTCOMES)[number];
