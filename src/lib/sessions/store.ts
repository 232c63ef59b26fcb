import {existsSync} from 'node:fs';
import {readdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import {KiroXError} from '../errors.js';
import {kiroHome} from '../profile/agent-paths.js';
import type {ConversationEntry, ConversationOptions} from './conversation.js';
import {isUuid, isV3SessionId} from './ids.js';
import {parseV2Header, parseV3Meta, type SessionMeta} from './session-meta.js';
import {BUCKET_NAME, bucketOf, inside, sessionsRoot, sessionStoreDir, v1StorePath} from './store-paths.js';
import {parseV2Events} from './v2-events.js';
import {parseV3Messages} from './v3-events.js';

/** A session found in a store, with the files kiro-x may read (each checked to lie inside the store). */
export interface StoredSession extends SessionMeta {
  /** V2 `<uuid>.jsonl` or V3 `messages.jsonl`; null when absent. */
  eventsFile: string | null;
  /** V2 `<uuid>.lock`; null when absent (V3 keeps none). */
  lockFile: string | null;
}

const listDir = (dir: string): Promise<string[]> => readdir(dir).catch(() => [] as string[]);

async function readJson(file: string | null): Promise<unknown> {
  if (file === null) return null;
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

const bare = (id: string, engine: 'v2' | 'v3'): SessionMeta => ({
  id,
  engine,
  title: '',
  cwd: null,
  createdAt: null,
  updatedAt: null,
  parentId: null,
  model: null,
  credits: null,
  turns: null,
  messageIds: null,
});

/** One V2 session by id (a UUID), or null. `<uuid>.history` is never opened: it may hold pasted secrets. */
export async function readV2Session(env: NodeJS.ProcessEnv, id: string): Promise<StoredSession | null> {
  if (!isUuid(id)) return null;
  const dir = sessionStoreDir(env);
  const header = inside(dir, path.join(dir, `${id}.json`));
  const eventsFile = inside(dir, path.join(dir, `${id}.jsonl`));
  if (header === null && eventsFile === null) return null;
  const meta = parseV2Header(await readJson(header), id) ?? bare(id, 'v2');
  return {...meta, eventsFile, lockFile: inside(dir, path.join(dir, `${id}.lock`))};
}

async function readV3Session(
  env: NodeJS.ProcessEnv,
  bucket: string,
  id: string,
): Promise<StoredSession | null> {
  if (!isV3SessionId(id) || !BUCKET_NAME.test(bucket)) return null;
  const root = sessionsRoot(env);
  const dir = path.join(root, bucket, id);
  const metaFile = inside(root, path.join(dir, 'session.json'));
  if (metaFile === null) return null;
  const meta = parseV3Meta(await readJson(metaFile), id) ?? bare(id, 'v3');
  return {...meta, eventsFile: inside(root, path.join(dir, 'messages.jsonl')), lockFile: null};
}

async function v2Sessions(env: NodeJS.ProcessEnv): Promise<StoredSession[]> {
  const names = await listDir(sessionStoreDir(env));
  const ids = new Set(names.map((n) => n.replace(/\.jsonl?$/, '')).filter(isUuid));
  const found = await Promise.all([...ids].map((id) => readV2Session(env, id)));
  return found.filter((s): s is StoredSession => s !== null);
}

async function v3Sessions(env: NodeJS.ProcessEnv, buckets: string[] | null): Promise<StoredSession[]> {
  const root = sessionsRoot(env);
  const names = buckets ?? (await listDir(root)).filter((n) => BUCKET_NAME.test(n));
  const found = await Promise.all(
    names.map(async (bucket) => {
      const ids = (await listDir(path.join(root, bucket))).filter(isV3SessionId);
      return Promise.all(ids.map((id) => readV3Session(env, bucket, id)));
    }),
  );
  return found.flat().filter((s): s is StoredSession => s !== null);
}

/** Every session of both stores (subagents included); with `cwds`, only those of these directories. */
export async function readStore(
  env: NodeJS.ProcessEnv,
  cwds?: ReadonlySet<string>,
): Promise<StoredSession[]> {
  const buckets = cwds ? [...cwds].map(bucketOf) : null;
  const all = [...(await v2Sessions(env)), ...(await v3Sessions(env, buckets))];
  return cwds ? all.filter((s) => s.cwd !== null && cwds.has(s.cwd)) : all;
}

/** One session of either store by id, or null. */
export async function findSession(env: NodeJS.ProcessEnv, id: string): Promise<StoredSession | null> {
  if (isUuid(id)) return readV2Session(env, id);
  if (!isV3SessionId(id)) return null;
  const root = sessionsRoot(env);
  for (const bucket of (await listDir(root)).filter((n) => BUCKET_NAME.test(n))) {
    const found = await readV3Session(env, bucket, id);
    if (found) return found;
  }
  return null;
}

/** A session's conversation from its events; `messages` is null when there are no events to read. */
export async function readConversation(
  session: StoredSession,
  options: ConversationOptions,
): Promise<{entries: ConversationEntry[]; messages: number | null}> {
  if (session.eventsFile === null) return {entries: [], messages: session.messageIds};
  const text = await readFile(session.eventsFile, 'utf8').catch(() => null);
  if (text === null) return {entries: [], messages: session.messageIds};
  return session.engine === 'v3' ? parseV3Messages(text, options) : parseV2Events(text, options);
}

/** Whether kiro-cli has written any session store under `$KIRO_HOME/sessions`. */
export function storeExists(env: NodeJS.ProcessEnv): boolean {
  return existsSync(sessionsRoot(env));
}

/** A clear error for a store that is not there: absent, or kiro-cli uses the V1 engine's SQLite instead. */
export function storeMissingError(env: NodeJS.ProcessEnv): KiroXError {
  const dir = sessionsRoot(env);
  if (existsSync(v1StorePath(env))) {
    return new KiroXError(
      `No session store at ${dir}; this kiro-cli keeps sessions in the V1 engine's SQLite store (${v1StorePath(env)}), which kiro-x does not read.`,
      'failed',
      ['Use kiro-x sessions list, or kiro-cli itself, for V1 sessions.'],
    );
  }
  return new KiroXError(`No session store at ${dir} (KIRO_HOME=${kiroHome(env)}).`, 'failed', [
    'Check KIRO_HOME; kiro-cli creates the store with the first headless turn.',
  ]);
}
