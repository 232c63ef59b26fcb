import {KiroXError} from '../errors.js';
import {DEFAULT_OUTPUT_LIMIT, type ConversationEntry} from './conversation.js';
import {lockOwner} from './lock.js';
import {newestFirst} from './parse-listing.js';
import type {SessionMeta} from './session-meta.js';
import {findSession, readConversation, readStore, storeExists, storeMissingError} from './store.js';
import {sessionsRoot} from './store-paths.js';

export type {ConversationEntry} from './conversation.js';

/** A subagent session of the one shown. */
export interface ChildSession {
  id: string;
  title: string;
  updatedAt: string | null;
  messages: number | null;
}

/** The `sessions show --json` document: the header's facts, then what the events and the lock say. */
export interface SessionShowResult extends Pick<
  SessionMeta,
  'id' | 'engine' | 'title' | 'cwd' | 'createdAt' | 'updatedAt' | 'parentId' | 'model' | 'credits'
> {
  schemaVersion: 1;
  /** A live kiro-cli process holds the session's lock (null: the store keeps no lock for it). */
  active: boolean | null;
  /** Messages since the last clear; null when the events cannot be read. */
  messages: number | null;
  /** Subagent sessions it delegated to, newest first. */
  children: ChildSession[];
  entries: ConversationEntry[];
}

/** What `sessions show` reads beyond the id. */
export interface ShowOptions {
  /** Include the model's thinking. */
  thinking?: boolean | undefined;
  /** Longest tool output kept, in characters. */
  outputLimit?: number | undefined;
}

/** One conversation from the session stores; `id` must already be a validated session id. */
export async function showSession(
  env: NodeJS.ProcessEnv,
  id: string,
  options: ShowOptions = {},
): Promise<SessionShowResult> {
  if (!storeExists(env)) throw storeMissingError(env);
  const session = await findSession(env, id);
  if (session === null) {
    throw new KiroXError(`No session ${id} in ${sessionsRoot(env)}.`, 'failed', [
      'List the ids with kiro-x sessions list (--all for every directory).',
    ]);
  }
  const conversation = {
    thinking: options.thinking === true,
    outputLimit: options.outputLimit ?? DEFAULT_OUTPUT_LIMIT,
  };
  const {entries, messages} = await readConversation(session, conversation);
  const children = (await readStore(env)).filter((s) => s.parentId === id);
  const childEntries = await Promise.all(
    children.map(async (child) => ({
      id: child.id,
      title: child.title,
      updatedAt: child.updatedAt,
      messages: (await readConversation(child, conversation)).messages,
    })),
  );
  return {
    schemaVersion: 1,
    id,
    engine: session.engine,
    title: session.title,
    cwd: session.cwd,
    createdAt: session.createdAt,
    updatedAt: session.updatedAt,
    parentId: session.parentId,
    active: session.engine === 'v2' ? (lockOwner(session.lockFile)?.active ?? false) : null,
    model: session.model,
    credits: session.credits,
    messages,
    children: newestFirst(childEntries),
    entries,
  };
}
