import {listViaKiro} from './list.js';
import {snapshotStore, storeChanges} from './store-snapshot.js';
import {storeExists} from './store.js';
import {cwdKeys} from './store-paths.js';
import {verdictFromListings, verdictFromStore, type TurnVerdict} from './turn-verdict.js';
import type {SessionEntry} from './types.js';

/** What the session lookup of one turn needs. */
export interface TurnSessionOptions {
  cliPath: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Bound on each kiro-cli listing call (made only when there is no store to read). */
  timeoutMs: number;
  /** The turn's prompt: the session that received it is the turn's. */
  prompt: string;
  resume?: boolean | undefined;
  resumeId?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** The part of a turn's result the lookup reads and completes. */
interface TurnFacts {
  outcome: string;
  message: string;
  exitCode: number | null;
  signal: string | null;
  sessionId: string | null;
  resumed: boolean | null;
  warnings: string[];
}

/**
 * A session-id lookup around one turn: `ready` before the turn starts (the first look must not see the
 * turn's own session), `settle` completes the result, `cancel` ends a pending listing.
 */
export interface TurnSessionProbe {
  ready(): Promise<void>;
  settle<T extends TurnFacts>(result: T): Promise<T>;
  cancel(): void;
}

type Listing = SessionEntry[] | {error: string};

/**
 * Snapshot the session stores before the turn and compare after it: the turn's session is the one that
 * received its prompt, proven, never assumed from `--resume-id`. Where no store exists yet (first turn, a
 * V1-engine kiro-cli) kiro-cli's listing is taken before as well, for when the store stays silent.
 */
export function probeTurnSession(options: TurnSessionOptions): TurnSessionProbe {
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  options.signal?.addEventListener('abort', onAbort, {once: true});
  const cwds = cwdKeys(options.cwd);
  const request = {resume: options.resume === true, resumeId: options.resumeId};
  const list = (): Promise<Listing> =>
    listViaKiro({...options, signal: stop.signal}).then(
      (r) => r.sessions,
      (error: Error) => ({error: error.message}),
    );
  const storeBefore = snapshotStore(options.env, cwds);
  const listingBefore = storeExists(options.env) ? null : list();
  const cancel = (): void => {
    stop.abort();
    options.signal?.removeEventListener('abort', onAbort);
  };
  const fromListings = async (before: Promise<Listing>): Promise<TurnVerdict> => {
    const first = await before;
    const second = await list();
    if (Array.isArray(first) && Array.isArray(second)) return verdictFromListings(first, second, request);
    const why = (Array.isArray(first) ? second : first) as {error: string};
    return {
      id: null,
      resumed: null,
      warnings: [`session id unknown: listing sessions failed: ${why.error}`],
      notice: null,
    };
  };
  return {
    cancel,
    async ready() {
      await listingBefore;
    },
    async settle(result) {
      try {
        // A turn that never reached kiro-cli (or that kiro-cli refused on its flags) made no session.
        const started =
          (result.exitCode !== null || result.signal !== null) && result.outcome !== 'cli_usage_error';
        if (!started) return result;
        const after = snapshotStore(options.env, cwds);
        const changes = await storeChanges(options.env, storeBefore, after, {
          cwds,
          resumeId: options.resumeId,
        });
        const verdict =
          changes.length > 0 || listingBefore === null
            ? verdictFromStore(changes, options.prompt, request)
            : await fromListings(listingBefore);
        return {
          ...result,
          sessionId: verdict.id,
          resumed: verdict.resumed,
          message: verdict.notice ? `${result.message} ${verdict.notice}` : result.message,
          warnings: [...result.warnings, ...verdict.warnings],
        };
      } finally {
        cancel();
      }
    },
  };
}
