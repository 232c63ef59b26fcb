import {UsageError} from '../errors.js';

// kiro-cli session ids: a UUID (V2 engine) or `sess_<UUID>` (V3 harness). Nothing else may reach a path or an argv.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const V3_ID = /^sess_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` is a UUID in its canonical 8-4-4-4-12 form (a V2 session id). */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

/** Whether `id` is a V3 harness session id, `sess_<UUID>`. */
export function isV3SessionId(id: string): boolean {
  return V3_ID.test(id);
}

/** Whether `id` is any kiro-cli session id. */
export function isSessionId(id: string): boolean {
  return isUuid(id) || isV3SessionId(id);
}

/** Why `id`, given as `what` (a flag or argument), is not a session id; null when it is one. */
export function sessionIdProblem(id: string, what: string): string | null {
  if (isSessionId(id)) return null;
  return `${what} takes a session id (a UUID, or sess_<UUID> for the V3 harness), not ${JSON.stringify(id)}.`;
}

/** What to do about an id that is not one. */
export const SESSION_ID_HINT = 'List the ids with kiro-x sessions list.';

/** Throw a usage error naming `what` (a flag or argument) when `id` is not a session id. */
export function assertSessionId(id: string, what: string): void {
  const problem = sessionIdProblem(id, what);
  if (problem !== null) throw new UsageError(problem, [SESSION_ID_HINT]);
}
