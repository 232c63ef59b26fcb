import type {SessionEntry} from './types.js';

/** A top-level session of the turn's directory that changed while the turn ran. */
export interface SessionChange {
  id: string;
  /** It was in the store before the turn (so the turn appended to it). */
  existed: boolean;
  /** Prompts among the events appended during the turn; null when none of them could be read. */
  prompts: string[] | null;
}

/** What the turn asked kiro-cli to continue. */
export interface ResumeRequest {
  resume: boolean;
  resumeId: string | undefined;
}

/** The turn's session as proven by the store or kiro-cli's listings. */
export interface TurnVerdict {
  id: string | null;
  /** true: the requested conversation was continued; false: it was not; null: none requested, or unknown. */
  resumed: boolean | null;
  warnings: string[];
  /** A sentence for the result's message when a requested resume did not happen. */
  notice: string | null;
}

const requested = (r: ResumeRequest): boolean => r.resume || r.resumeId !== undefined;
const norm = (text: string): string => text.replace(/\r\n/g, '\n').trim();
const unknown = (warning: string, resumed: boolean | null = null): TurnVerdict => ({
  id: null,
  resumed,
  warnings: [`session id unknown: ${warning}`],
  notice: null,
});

/** The verdict once the turn's own session is known: did it continue what was asked? */
function proven(id: string, existed: boolean, request: ResumeRequest): TurnVerdict {
  if (!requested(request)) return {id, resumed: null, warnings: [], notice: null};
  const resumed = request.resumeId !== undefined ? id === request.resumeId : existed;
  if (resumed) return {id, resumed, warnings: [], notice: null};
  const what =
    request.resumeId !== undefined
      ? `session ${request.resumeId}`
      : 'the latest conversation of this directory';
  const where = existed ? `session ${id}` : `a new session, ${id}`;
  const sentence = `kiro-cli did not continue ${what}: the turn went to ${where}.`;
  return {
    id,
    resumed,
    warnings: [`conversation NOT resumed: ${sentence}`],
    notice: `The conversation was NOT resumed: ${sentence}`,
  };
}

/**
 * The turn's session from the store: the one changed session that received exactly this prompt. Subagent
 * sessions are never among the changes. Only when the appended events cannot be read at all does a single
 * changed session count by itself. Anything else (none, several) is unknown rather than a guess.
 */
export function verdictFromStore(
  changes: readonly SessionChange[],
  prompt: string,
  request: ResumeRequest,
): TurnVerdict {
  const want = norm(prompt);
  const matches = changes.filter((c) => c.prompts?.some((p) => norm(p) === want));
  if (matches.length > 1) {
    return unknown(`${matches.length} sessions of this directory received this prompt during the turn.`);
  }
  const only = changes.length === 1 ? (changes[0] as SessionChange) : null;
  const chosen = matches[0] ?? (only?.prompts === null ? only : undefined);
  if (chosen) return proven(chosen.id, chosen.existed, request);
  const resumed = requested(request) ? false : null;
  if (changes.length === 0) return unknown('no session of this directory changed during the turn.', resumed);
  return unknown('no session that changed during the turn holds this prompt.', resumed);
}

/**
 * The turn's session from kiro-cli's listings before and after it (when there is no store to read): exactly
 * one new entry, or for a resume exactly one entry whose time moved and none new.
 */
export function verdictFromListings(
  before: readonly SessionEntry[],
  after: readonly SessionEntry[],
  request: ResumeRequest,
): TurnVerdict {
  const old = new Map(before.map((entry) => [entry.id, entry.updatedAt]));
  const added = after.filter((entry) => !old.has(entry.id));
  const moved = after.filter((e) => old.has(e.id) && e.updatedAt !== null && e.updatedAt !== old.get(e.id));
  if (added.length === 1) return proven((added[0] as SessionEntry).id, false, request);
  if (added.length > 1)
    return unknown(`${added.length} new sessions appeared in this directory during the turn.`);
  if (requested(request) && moved.length === 1) return proven((moved[0] as SessionEntry).id, true, request);
  return unknown('kiro-cli listed no new session for this directory.');
}
