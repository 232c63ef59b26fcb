import {existsSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {KiroXError} from '../errors.js';
import {readStoreMeta, sessionStoreDir, storeFile, storeMissingError} from './store.js';

/** One step of a conversation, in the order kiro-cli stored it. */
export type ConversationEntry =
  | {kind: 'prompt'; text: string}
  | {kind: 'answer'; text: string}
  | {kind: 'tool'; tool: string; title: string; status: string | null; output: string | null}
  | {kind: 'other'; event: string};

/** The `sessions show --json` document. */
export interface SessionShowResult {
  schemaVersion: 1;
  id: string;
  title: string;
  cwd: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  entries: ConversationEntry[];
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** One `{"version","kind","data"}` event line as a conversation entry; null for a line that is not JSON. */
export function eventToEntry(line: string): ConversationEntry | null {
  let event: {kind?: unknown; data?: unknown};
  try {
    event = JSON.parse(line) as {kind?: unknown; data?: unknown};
  } catch {
    return null;
  }
  if (event === null || typeof event !== 'object') return null;
  const data = (event.data ?? {}) as Record<string, unknown>;
  const text = str(data.text) ?? str(data.content) ?? '';
  switch (event.kind) {
    case 'Prompt':
      return {kind: 'prompt', text};
    case 'AssistantMessage':
      return {kind: 'answer', text};
    case 'ToolResults':
      return {
        kind: 'tool',
        tool: str(data.tool) ?? str(data.name) ?? 'tool',
        title: str(data.title) ?? '',
        status: str(data.status),
        output: str(data.output),
      };
    default:
      return {kind: 'other', event: String(event.kind)};
  }
}

/** The conversation of session `id` from the V2 store; `id` must already be a validated UUID. */
export async function showSession(env: NodeJS.ProcessEnv, id: string): Promise<SessionShowResult> {
  if (!existsSync(sessionStoreDir(env))) throw storeMissingError(env);
  const meta = await readStoreMeta(env, id);
  const events = storeFile(env, id, '.jsonl');
  if (meta === null && events === null) {
    throw new KiroXError(`No session ${id} in ${sessionStoreDir(env)}.`, 'failed', [
      'List the ids with kiro-x sessions list (--all for every directory).',
    ]);
  }
  const text = events === null ? '' : await readFile(events, 'utf8');
  const entries = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      const entry = eventToEntry(line);
      return entry === null ? [] : [entry];
    });
  return {
    schemaVersion: 1,
    id,
    title: meta?.title ?? '',
    cwd: meta?.cwd ?? null,
    createdAt: meta?.createdAt ?? null,
    updatedAt: meta?.updatedAt ?? null,
    entries,
  };
}
