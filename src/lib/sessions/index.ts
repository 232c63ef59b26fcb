/* Sessions as a library: listing through kiro-cli, the V2 store reader, verified deletes, turn session ids. */
export {deleteSessions, type DeleteOutcome, type SessionsDeleteResult} from './delete.js';
export {DEFAULT_LIST_TIMEOUT_MS, listCwdSessions, listSessions} from './list.js';
export {newestFirst, parseJsonListing, parsePlainListing} from './parse-listing.js';
export {sessionIdFromListings, type SessionIdVerdict} from './session-id.js';
export {showSession, type ConversationEntry, type SessionShowResult} from './show.js';
export {sessionStoreDir} from './store.js';
export {assertUuid, isUuid} from './uuid.js';
export type {ListingSource, SessionEntry, SessionsListResult, SessionsOptions} from './types.js';
