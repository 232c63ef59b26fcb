import stripAnsi from 'strip-ansi';
import {isSessionId} from './ids.js';
import type {SessionEntry} from './types.js';

/** Text that appears where a JSON listing is: `[...]` as a whole or as one line. */
function findJsonArray(text: string): unknown[] | null {
  const trimmed = text.trim();
  const candidates = [trimmed, ...trimmed.split('\n').map((line) => line.trim())];
  for (const candidate of candidates) {
    if (!candidate.startsWith('[')) continue;
    try {
      const doc: unknown = JSON.parse(candidate);
      if (Array.isArray(doc)) return doc;
    } catch {
      // Not this candidate; try the next.
    }
  }
  return null;
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

const entry = (id: string, fields: Partial<SessionEntry>): SessionEntry => ({
  id,
  engine: null,
  title: '',
  messages: null,
  updatedAt: null,
  cwd: null,
  active: null,
  subagents: null,
  ...fields,
});

/**
 * Sessions of `--list-sessions -f json` (`[{"cwd","sessions":[{"sessionId","source","title","updatedAt",
 * "messageCount"}],"complete":true}]`), or null when `text` holds no such document. Entries whose id is not a
 * session id are dropped: ids reach argv and paths.
 */
export function parseJsonListing(text: string): SessionEntry[] | null {
  const groups = findJsonArray(text);
  if (groups === null) return null;
  const entries: SessionEntry[] = [];
  for (const group of groups) {
    const g = group as {cwd?: unknown; sessions?: unknown} | null;
    if (!g || !Array.isArray(g.sessions)) continue;
    for (const session of g.sessions as unknown[]) {
      const s = session as Record<string, unknown> | null;
      const id = str(s?.sessionId) ?? str(s?.id);
      if (!s || id === null || !isSessionId(id)) continue;
      const messages = s.messageCount ?? s.messages;
      entries.push(
        entry(id, {
          title: str(s.title) ?? '',
          messages: typeof messages === 'number' ? messages : null,
          updatedAt: str(s.updatedAt),
          cwd: str(g.cwd),
        }),
      );
    }
  }
  return entries;
}

const ID = String.raw`((?:sess_)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`;
// `Chat SessionId: <id>` then `  19 seconds ago | say hello | 2 msgs | v1` on the next line.
const HEAD = new RegExp(String.raw`^\s*Chat SessionId:\s*${ID}\s*$`, 'i');
// Older one-line rows: `<id> | say hello | 2 msgs | v1`.
const ROW = new RegExp(String.raw`^\s*${ID}\s*\|\s?(.*?)\s?\|\s*(\d+)\s+msgs?\b`, 'i');
const COUNT = /^(\d+)\s+msgs?$/i;

/** The title and count of a `  19 seconds ago | title | 2 msgs | v1` line; the title may itself hold ` | `. */
function detailLine(line: string): {title: string; messages: number} | null {
  const parts = line.trim().split(' | ');
  const at = parts.findIndex((p) => COUNT.test(p.trim()));
  if (at === -1) return null;
  const before = parts.slice(0, at);
  if (before.length > 0 && /\bago$/.test((before[0] ?? '').trim())) before.shift();
  return {title: before.join(' | ').trim(), messages: Number(COUNT.exec((parts[at] ?? '').trim())?.[1])};
}

/** Sessions of the plain `--list-sessions` text (all of one cwd), or null when it is neither a list nor "none". */
export function parsePlainListing(text: string, cwd: string): SessionEntry[] | null {
  const lines = stripAnsi(text).split('\n');
  const entries: SessionEntry[] = [];
  for (const [i, line] of lines.entries()) {
    const head = HEAD.exec(line);
    if (head) {
      const detail = detailLine(lines[i + 1] ?? '');
      entries.push(
        entry(head[1] as string, {cwd, title: detail?.title ?? '', messages: detail?.messages ?? null}),
      );
      continue;
    }
    const row = ROW.exec(line);
    if (row) {
      entries.push(entry(row[1] as string, {cwd, title: (row[2] ?? '').trim(), messages: Number(row[3])}));
    }
  }
  if (entries.length > 0) return entries;
  return /No saved chat sessions/i.test(text) ? [] : null;
}

/** Newest first; entries without a time keep their listed order after the dated ones. */
export function newestFirst<T extends {updatedAt: string | null}>(entries: readonly T[]): T[] {
  return entries
    .map((item, index) => ({item, index}))
    .sort((a, b) => {
      const x = a.item.updatedAt ?? '';
      const y = b.item.updatedAt ?? '';
      if (x !== y) return x === '' ? 1 : y === '' ? -1 : y.localeCompare(x);
      return a.index - b.index;
    })
    .map(({item}) => item);
}
