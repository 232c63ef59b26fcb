import {isUuid} from './uuid.js';
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

/**
 * Sessions of `--list-sessions -f json` (`[{"cwd","sessions":[{"sessionId","title","updatedAt",…}]}]`), or
 * null when `text` holds no such document. Entries without a UUID id are dropped: ids reach argv and paths.
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
      if (!s || id === null || !isUuid(id)) continue;
      const messages = s.messageCount ?? s.messages;
      entries.push({
        id,
        title: str(s.title) ?? '',
        messages: typeof messages === 'number' ? messages : null,
        updatedAt: str(s.updatedAt),
        cwd: str(g.cwd),
      });
    }
  }
  return entries;
}

// `607a278f-… | say hello | 2 msgs | v1`: the title may itself contain ` | `, so the id and the count anchor it.
const ROW =
  /^\s*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\s*\|\s?(.*?)\s?\|\s*(\d+)\s+msgs?\b/i;

/** Sessions of the plain `--list-sessions` rows (all of one cwd), or null when `text` is neither rows nor "none". */
export function parsePlainListing(text: string, cwd: string): SessionEntry[] | null {
  const entries: SessionEntry[] = [];
  for (const line of text.split('\n')) {
    const match = ROW.exec(line);
    if (match) {
      entries.push({
        id: match[1] as string,
        title: (match[2] ?? '').trim(),
        messages: Number(match[3]),
        updatedAt: null,
        cwd,
      });
    }
  }
  if (entries.length > 0) return entries;
  return /No saved chat sessions/i.test(text) ? [] : null;
}

/** Newest first; entries without a time keep their listed order after the dated ones. */
export function newestFirst(entries: readonly SessionEntry[]): SessionEntry[] {
  return entries
    .map((entry, index) => ({entry, index}))
    .sort((a, b) => {
      const x = a.entry.updatedAt ?? '';
      const y = b.entry.updatedAt ?? '';
      if (x !== y) return x === '' ? 1 : y === '' ? -1 : y.localeCompare(x);
      return a.index - b.index;
    })
    .map(({entry}) => entry);
}
