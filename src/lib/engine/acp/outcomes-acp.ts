import type {Outcome} from '../../outcomes.js';

/**
 * Outcomes only the ACP engine can tell, because kiro-cli declares them there: a stop reason other than
 * `end_turn`, a permission the policy refused in `fail` mode, and a session that could not be loaded. They are
 * part of the central table (`outcomes.ts`, `exit-codes.ts`); a headless turn never ends with one.
 */
export const ACP_OUTCOMES = [
  'refused',
  'max_tokens',
  'max_turn_requests',
  'permission_denied',
  'resume_failed',
] as const satisfies readonly Outcome[];

/** An outcome of the ACP engine's own. */
export type AcpOnlyOutcome = (typeof ACP_OUTCOMES)[number];

/** Every outcome an ACP turn can end with: the central table. */
export type AcpOutcome = Outcome;
