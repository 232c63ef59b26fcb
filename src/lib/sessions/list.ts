import {realpathSync} from 'node:fs';
import {captureKiro, type Captured} from '../engine/capture-kiro.js';
import {cliNotFoundMessage} from '../engine/cli-missing.js';
import {CliNotFoundError, KiroXError} from '../errors.js';
import {newestFirst, parseJsonListing, parsePlainListing} from './parse-listing.js';
import {listStore, readStoreMeta} from './store.js';
import type {ListingSource, SessionEntry, SessionsOptions, SessionsListResult} from './types.js';

/** Default bound on one listing call, in ms. */
export const DEFAULT_LIST_TIMEOUT_MS = 10_000;

async function call(options: SessionsOptions, args: string[]): Promise<Captured> {
  const run = await captureKiro({...options, args: ['chat', ...args]});
  if (run.spawnErrorCode) {
    throw new CliNotFoundError(cliNotFoundMessage(options.cliPath, run.spawnErrorCode), [], options.cliPath);
  }
  if (run.timedOut) {
    throw new KiroXError(
      `kiro-cli ${args.join(' ')} gave no answer within ${options.timeoutMs} ms.`,
      'timed_out',
    );
  }
  return run;
}

function sameDir(a: string | null, b: string): boolean {
  if (a === null) return true;
  if (a === b) return true;
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/**
 * The sessions kiro-cli lists for `options.cwd`. The JSON form is read from whichever stream carries it
 * (REFERENCE §3: unverified which); when no JSON comes (older builds reject `-f`), the plain rows on stderr.
 */
export async function listCwdSessions(
  options: SessionsOptions,
): Promise<{sessions: SessionEntry[]; source: ListingSource}> {
  const json = await call(options, ['--list-sessions', '-f', 'json']);
  const parsed = parseJsonListing(json.stdout) ?? parseJsonListing(json.stderr);
  if (parsed !== null) {
    const mine = parsed.filter((entry) => sameDir(entry.cwd, options.cwd));
    return {sessions: newestFirst(mine), source: 'json'};
  }
  const plain = await call(options, ['--list-sessions']);
  const rows = parsePlainListing(`${plain.stderr}\n${plain.stdout}`, options.cwd);
  if (rows !== null) return {sessions: rows, source: 'plain'};
  const said = (plain.stderr.trim() || plain.stdout.trim()).split('\n')[0] ?? '';
  throw new KiroXError(
    `kiro-cli chat --list-sessions exited ${plain.exitCode ?? plain.signal} with no session list${said ? `: ${said}` : ''}.`,
    'failed',
    ['Run kiro-x doctor.'],
  );
}

/** Fill unknown message counts from the V2 store, where it has the session. */
async function withCounts(env: NodeJS.ProcessEnv, entries: SessionEntry[]): Promise<SessionEntry[]> {
  return Promise.all(
    entries.map(async (entry) => {
      if (entry.messages !== null) return entry;
      const meta = await readStoreMeta(env, entry.id);
      return meta?.messages == null ? entry : {...entry, messages: meta.messages};
    }),
  );
}

/** `sessions list`: one directory through kiro-cli, or (`all`) every directory from the V2 store. */
export async function listSessions(options: SessionsOptions & {all?: boolean}): Promise<SessionsListResult> {
  if (options.all) {
    return {
      schemaVersion: 1,
      source: 'store',
      cwd: null,
      sessions: newestFirst(await listStore(options.env)),
    };
  }
  const {sessions, source} = await listCwdSessions(options);
  return {schemaVersion: 1, source, cwd: options.cwd, sessions: await withCounts(options.env, sessions)};
}
