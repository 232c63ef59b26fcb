import {KiroXError} from '../errors.js';
import {DEFAULT_OUTPUT_LIMIT} from './conversation.js';
import {explainedLine, sessionCommand} from './kiro-call.js';
import {lockOwner} from './lock.js';
import {newestFirst, parseJsonListing, parsePlainListing} from './parse-listing.js';
import {readConversation, readStore, storeExists, type StoredSession} from './store.js';
import {cwdKeys} from './store-paths.js';
import type {ListingSource, SessionEntry, SessionsOptions, SessionsListResult} from './types.js';

/** Default bound on one listing call, in ms. */
export const DEFAULT_LIST_TIMEOUT_MS = 10_000;

/**
 * The sessions kiro-cli itself lists for `options.cwd`: `--list-sessions -f json` read from whichever stream
 * carries it, else (builds without `-f`) the plain listing. Always with `--no-interactive`.
 */
export async function listViaKiro(
  options: SessionsOptions,
): Promise<{sessions: SessionEntry[]; source: ListingSource}> {
  const json = await sessionCommand(options, ['--list-sessions', '-f', 'json']);
  const parsed = parseJsonListing(json.stdout) ?? parseJsonListing(json.stderr);
  if (parsed !== null) {
    const keys = cwdKeys(options.cwd);
    const mine = parsed.filter(
      (entry) => entry.cwd === null || [...cwdKeys(entry.cwd)].some((key) => keys.has(key)),
    );
    return {sessions: newestFirst(mine), source: 'json'};
  }
  const plain = await sessionCommand(options, ['--list-sessions']);
  const rows = parsePlainListing(`${plain.stderr}\n${plain.stdout}`, options.cwd);
  if (rows !== null) return {sessions: rows, source: 'plain'};
  const said = explainedLine(plain);
  throw new KiroXError(
    `kiro-cli chat --list-sessions exited ${plain.exitCode ?? plain.signal} with no session list${said ? `: ${said}` : ''}.`,
    'failed',
    ['Run kiro-x doctor.'],
  );
}

/** A stored top-level session as a list entry: messages from its events, activity from its lock. */
async function toEntry(session: StoredSession, children: number): Promise<SessionEntry> {
  const {messages} = await readConversation(session, {thinking: false, outputLimit: DEFAULT_OUTPUT_LIMIT});
  return {
    id: session.id,
    engine: session.engine,
    title: session.title,
    messages,
    updatedAt: session.updatedAt,
    cwd: session.cwd,
    active: session.engine === 'v2' ? (lockOwner(session.lockFile)?.active ?? false) : null,
    subagents: children,
  };
}

/** Top-level sessions of the stores (subagents counted under their parent, never listed themselves). */
async function fromStore(options: SessionsOptions, all: boolean): Promise<SessionEntry[]> {
  const sessions = await readStore(options.env, all ? undefined : cwdKeys(options.cwd));
  const children = new Map<string, number>();
  for (const s of sessions)
    if (s.parentId !== null) children.set(s.parentId, (children.get(s.parentId) ?? 0) + 1);
  const top = sessions.filter((s) => s.parentId === null);
  return newestFirst(await Promise.all(top.map((s) => toEntry(s, children.get(s.id) ?? 0))));
}

/**
 * `sessions list`: read from kiro-cli's session stores (V2 `sessions/cli` and the V3 buckets) when they exist,
 * which needs no login and no kiro-cli process; else (a V1-engine kiro-cli, or no turn yet) ask kiro-cli.
 */
export async function listSessions(options: SessionsOptions & {all?: boolean}): Promise<SessionsListResult> {
  const all = options.all === true;
  if (storeExists(options.env) || all) {
    const sessions = storeExists(options.env) ? await fromStore(options, all) : [];
    return {schemaVersion: 1, source: 'store', cwd: all ? null : options.cwd, sessions};
  }
  const {sessions, source} = await listViaKiro(options);
  return {schemaVersion: 1, source, cwd: options.cwd, sessions};
}
