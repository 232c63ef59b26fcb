/* Sessions as a library: the session stores read directly, kiro-cli's listings, verified deletes, turn session ids. */
export type {ConversationEntry, ToolEntry} from './conversation.js';
export {deleteSessions, type DeleteOutcome, type SessionsDeleteResult} from './delete.js';
export {assertSessionId, isSessionId, isUuid, isV3SessionId} from './ids.js';
export {DEFAULT_LIST_TIMEOUT_MS, listSessions, listViaKiro} from './list.js';
export {newestFirst, parseJsonListing, parsePlainListing} from './parse-listing.js';
export {relativeTime} from './relative-time.js';
export {showSession, type ChildSession, type SessionShowResult, type ShowOptions} from './show.js';
export {sessionStoreDir, sessionsRoot} from './store-paths.js';
export {verdictFromListings, verdictFromStore, type SessionChange, type TurnVerdict} from './turn-verdict.js';
export type {ListingSource, SessionEntry, SessionsListResult, SessionsOptions} from './types.js';
export {
  deleteIds,
  resolveSessionsOptions,
  type SessionShowOptions,
  type SessionsDeleteOptions,
  type SessionsListOptions,
} from './options.js';
export {runSessionShow, runSessionsDelete, runSessionsList, type SessionsIo} from './run-sessions.js';
