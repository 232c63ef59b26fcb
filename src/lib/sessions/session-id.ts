import type {SessionEntry} from './types.js';

/** The session id of a turn, or null with the reason a user sees as a warning. */
export type SessionIdVerdict = {id: string; warning: null} | {id: null; warning: string};

/**
 * The session a turn used, from listings of its cwd taken before and after it. Only exactly one new entry is
 * trusted (REFERENCE §3); a `--resume` turn adds none, so there exactly one entry whose time moved counts.
 * Anything else (none, several: another run shared the cwd) is unknown rather than a guess.
 */
export function sessionIdFromListings(
  before: readonly SessionEntry[],
  after: readonly SessionEntry[],
  resumed: boolean,
): SessionIdVerdict {
  const old = new Map(before.map((entry) => [entry.id, entry.updatedAt]));
  const added = after.filter((entry) => !old.has(entry.id));
  if (added.length === 1) return {id: (added[0] as SessionEntry).id, warning: null};
  if (added.length > 1) {
    return {
      id: null,
      warning: `session id unknown: ${added.length} new sessions appeared in this directory during the turn.`,
    };
  }
  if (resumed) {
    const moved = after.filter((entry) => entry.updatedAt !== null && entry.updatedAt !== old.get(entry.id));
    if (moved.length === 1) return {id: (moved[0] as SessionEntry).id, warning: null};
  }
  return {id: null, warning: 'session id unknown: kiro-cli listed no new session for this directory.'};
}
