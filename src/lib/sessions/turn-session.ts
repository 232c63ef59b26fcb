import {existsSync, realpathSync} from 'node:fs';
import path from 'node:path';
import {listCwdSessions} from './list.js';
import {sessionIdFromListings} from './session-id.js';
import {listStore, sessionStoreDir} from './store.js';
import type {SessionEntry} from './types.js';

/** What the session lookup of one turn needs. */
export interface TurnSessionOptions {
  cliPath: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Bound on each listing call. */
  timeoutMs: number;
  resume?: boolean | undefined;
  resumeId?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** The part of a turn's result the lookup reads and completes. */
interface TurnFacts {
  outcome: string;
  exitCode: number | null;
  signal: string | null;
  sessionId: string | null;
  warnings: string[];
}

/**
 * A session-id lookup around one turn: `ready` before the turn starts (the first listing must not see the
 * turn's own session), `settle` completes the result, `cancel` ends a pending listing.
 */
export interface TurnSessionProbe {
  ready(): Promise<void>;
  settle<T extends TurnFacts>(result: T): Promise<T>;
  cancel(): void;
}

type Listing = SessionEntry[] | {error: string};

/**
 * Start the "before" listing at once (so it runs alongside the credential check and profile writing) and,
 * once the turn has run, list again and keep the id only when exactly one entry is new (REFERENCE §3).
 * With `--resume-id` the id is known already and nothing is listed.
 */
export function probeTurnSession(options: TurnSessionOptions): TurnSessionProbe {
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  options.signal?.addEventListener('abort', onAbort, {once: true});
  // The V2 store is itself a listing, read in a millisecond where a kiro-cli listing costs a process start
  // (twice per turn); it also holds the headless sessions some builds leave out of --list-sessions. Where it
  // does not exist (first turn, V1 engine) kiro-cli lists. The choice is made once, so both listings agree.
  const cwds = new Set([path.resolve(options.cwd), realpath(options.cwd)]);
  const fromStore = existsSync(sessionStoreDir(options.env));
  const list = (): Promise<Listing> =>
    (fromStore
      ? listStore(options.env).then((all) => all.filter((entry) => entry.cwd !== null && cwds.has(entry.cwd)))
      : listCwdSessions({...options, signal: stop.signal}).then((r) => r.sessions)
    ).then(
      (sessions) => sessions,
      (error: Error) => ({error: error.message}),
    );
  const before = options.resumeId === undefined ? list() : null;
  const cancel = (): void => {
    stop.abort();
    options.signal?.removeEventListener('abort', onAbort);
  };
  return {
    cancel,
    async ready() {
      await before;
    },
    async settle(result) {
      try {
        // A turn that never reached kiro-cli (or that kiro-cli refused on its flags) made no session.
        const started =
          (result.exitCode !== null || result.signal !== null) && result.outcome !== 'cli_usage_error';
        if (!started) return result;
        if (options.resumeId !== undefined) {
          return result.outcome === 'completed' ? {...result, sessionId: options.resumeId} : result;
        }
        const first = await (before as Promise<Listing>);
        const second = await list();
        if (!Array.isArray(first) || !Array.isArray(second)) {
          const why = (Array.isArray(first) ? second : first) as {error: string};
          return {
            ...result,
            warnings: [...result.warnings, `session id unknown: listing sessions failed: ${why.error}`],
          };
        }
        const verdict = sessionIdFromListings(first, second, options.resume === true);
        return verdict.id !== null
          ? {...result, sessionId: verdict.id}
          : {...result, warnings: [...result.warnings, verdict.warning]};
      } finally {
        cancel();
      }
    },
  };
}

/** kiro-cli may record the cwd with symlinks resolved. */
function realpath(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}
