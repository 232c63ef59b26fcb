import {existsSync, realpathSync} from 'node:fs';
import {readdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import {KiroXError} from '../errors.js';
import {kiroHome, userHome} from '../profile/agent-paths.js';
import {isUuid} from './uuid.js';
import type {SessionEntry} from './types.js';

/** The V2 engine's session store: `$KIRO_HOME/sessions/cli`. */
export function sessionStoreDir(env: NodeJS.ProcessEnv): string {
  return path.join(kiroHome(env), 'sessions', 'cli');
}

/** The V1 engine's SQLite store, which kiro-x does not read. */
export function v1StorePath(env: NodeJS.ProcessEnv): string {
  return path.join(userHome(env), '.local', 'share', 'kiro-cli', 'data.sqlite3');
}

/**
 * The store file of session `id` with `ext`, or null. Only a UUID is ever joined to the store path, and the
 * result must still lie inside the store once symlinks are resolved.
 */
export function storeFile(env: NodeJS.ProcessEnv, id: string, ext: '.json' | '.jsonl'): string | null {
  if (!isUuid(id)) return null;
  const dir = sessionStoreDir(env);
  const file = path.join(dir, `${id}${ext}`);
  if (path.dirname(file) !== dir) return null;
  let realDir: string;
  let realFile: string;
  try {
    realDir = realpathSync(dir);
    realFile = realpathSync(file);
  } catch {
    return null;
  }
  return path.dirname(realFile) === realDir ? file : null;
}

/** The store's metadata of one session as kiro-x reads it (lenient: fields are not documented). */
export interface StoreMeta {
  id: string;
  title: string;
  cwd: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  messages: number | null;
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Read `<id>.json` of the store; null when absent, outside the store or not a JSON object. */
export async function readStoreMeta(env: NodeJS.ProcessEnv, id: string): Promise<StoreMeta | null> {
  const file = storeFile(env, id, '.json');
  if (file === null) return null;
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return null;
  const messages = doc.messages;
  return {
    id,
    title: str(doc.title) ?? '',
    cwd: str(doc.cwd),
    createdAt: str(doc.createdAt),
    updatedAt: str(doc.updatedAt),
    messages: typeof messages === 'number' ? messages : Array.isArray(messages) ? messages.length : null,
  };
}

/** Every session of the store (all cwds), for `sessions list --all`. */
export async function listStore(env: NodeJS.ProcessEnv): Promise<SessionEntry[]> {
  const names = await readdir(sessionStoreDir(env)).catch(() => [] as string[]);
  const ids = names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length));
  const metas = await Promise.all(ids.filter(isUuid).map((id) => readStoreMeta(env, id)));
  return metas.flatMap((m) =>
    m === null ? [] : [{id: m.id, title: m.title, messages: m.messages, updatedAt: m.updatedAt, cwd: m.cwd}],
  );
}

/** Whether session `id` still has files in the store. */
export function inStore(env: NodeJS.ProcessEnv, id: string): boolean {
  return storeFile(env, id, '.json') !== null || storeFile(env, id, '.jsonl') !== null;
}

/** A clear error for a store that is not there: absent, or kiro-cli uses the V1 engine's SQLite instead. */
export function storeMissingError(env: NodeJS.ProcessEnv): KiroXError {
  const dir = sessionStoreDir(env);
  if (existsSync(v1StorePath(env))) {
    return new KiroXError(
      `No V2 session store at ${dir}; this kiro-cli keeps sessions in the V1 engine's SQLite store (${v1StorePath(env)}), which kiro-x does not read.`,
      'failed',
      ['Use kiro-x sessions list, or kiro-cli itself, for V1 sessions.'],
    );
  }
  return new KiroXError(`No session store at ${dir} (KIRO_HOME=${kiroHome(env)}).`, 'failed', [
    'Check KIRO_HOME; kiro-cli creates the store with the first headless turn.',
  ]);
}
