import type {Outcome} from '../../outcomes.js';

/**
 * Outcomes only the ACP engine can tell, because kiro-cli declares them there: a stop reason other than
 * `end_turn`, a permission the policy refused in `fail` mode, and a session that could not be loaded.
 */
export const ACP_OUTCOMES = [
  'refused',
  'max_tokens',
  'max_turn_requests',
  'permission_denied',
  'resume_failed',
] as const;

/** An outcome of the ACP engine's own. */
export type AcpOnlyOutcome = (typeof ACP_OUTCOMES)[number];

/** Every outcome an ACP turn can end with. */
export type AcpOutcome = Outcome | AcpOnlyOutcome;

/** Exit codes of the ACP outcomes, following the central table's 0–10 (130/143 stay for cancels). */
export const ACP_EXIT_CODES: Readonly<Record<AcpOnlyOutcome, number>> = {
  refused: 11,
  max_tokens: 12,
  max_turn_requests: 13,
  permission_denied: 14,
  resume_failed: 15,
};
