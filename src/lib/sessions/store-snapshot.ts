import {closeSync, openSync, readdirSync, readSync, statSync} from 'node:fs';
import path from 'node:path';
import {isUuid, isV3SessionId} from './ids.js';
import {findSession, readV2Session} from './store.js';
import {bucketOf, sessionsRoot, sessionStoreDir} from './store-paths.js';
import type {SessionChange} from './turn-verdict.js';
import {v2Prompts} from './v2-events.js';
import {v3Prompts} from './v3-events.js';

/** The size of each session's events file: V2 sessions of every cwd, V3 sessions of the directory's buckets. */
export type StoreSnapshot = Map<string, number>;

function sizeOf(file: string): number | null {
  try {
    return statSync(file).size;
  } catch {
    return null;
  }
}

const names = (dir: string): string[] => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};

/** Cheap enough to take around every turn: one directory read and one stat per session, no file read. */
export function snapshotStore(env: NodeJS.ProcessEnv, cwds: ReadonlySet<string>): StoreSnapshot {
  const sizes: StoreSnapshot = new Map();
  const v2 = sessionStoreDir(env);
  for (const name of names(v2)) {
    const id = name.slice(0, -'.jsonl'.length);
    if (!name.endsWith('.jsonl') || !isUuid(id)) continue;
    const size = sizeOf(path.join(v2, name));
    if (size !== null) sizes.set(id, size);
  }
  for (const bucket of new Set([...cwds].map(bucketOf))) {
    const dir = path.join(sessionsRoot(env), bucket);
    for (const id of names(dir).filter(isV3SessionId)) {
      const size = sizeOf(path.join(dir, id, 'messages.jsonl'));
      if (size !== null) sizes.set(id, size);
    }
  }
  return sizes;
}

/** The bytes of `file` from `offset` on (the events appended since a snapshot). */
function readFrom(file: string, offset: number): string {
  const fd = openSync(file, 'r');
  try {
    const length = Math.max(0, statSync(file).size - offset);
    const buffer = Buffer.alloc(length);
    const read = length === 0 ? 0 : readSync(fd, buffer, 0, length, offset);
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * The top-level sessions of the directory (or the resumed id, which kiro-cli finds from any cwd) whose events
 * grew between two snapshots, with the prompts appended in between. Subagent sessions are left out.
 */
export async function storeChanges(
  env: NodeJS.ProcessEnv,
  before: StoreSnapshot,
  after: StoreSnapshot,
  scope: {cwds: ReadonlySet<string>; resumeId: string | undefined},
): Promise<SessionChange[]> {
  const changed = [...after].filter(([id, size]) => before.get(id) !== size);
  const found = await Promise.all(
    changed.map(async ([id, size]) => {
      const session = isUuid(id) ? await readV2Session(env, id) : await findSession(env, id);
      if (!session || session.parentId !== null || session.eventsFile === null) return [];
      const inScope = (session.cwd !== null && scope.cwds.has(session.cwd)) || id === scope.resumeId;
      if (!inScope) return [];
      const old = before.get(id);
      const appended = readFrom(session.eventsFile, old !== undefined && old <= size ? old : 0);
      const prompts = session.engine === 'v3' ? v3Prompts(appended) : v2Prompts(appended);
      return [{id, existed: old !== undefined, prompts}];
    }),
  );
  return found.flat();
}
