/** The newest entries of a conversation that fit the bounds, and how many older ones were left out. */
export interface BoundedEntries<T> {
  entries: T[];
  /** Older entries left out. */
  omittedEntries: number;
  /** The one entry kept had its texts cut to fit. */
  truncated: boolean;
}

/** Every string field of an entry cut to `max` characters (an ellipsis marks the cut). */
function cutStrings<T extends object>(entry: T, max: number): T {
  const cut = Object.entries(entry).map(([key, value]) => [
    key,
    typeof value === 'string' && value.length > max ? `${value.slice(0, max)}…` : value,
  ]);
  return Object.fromEntries(cut) as T;
}

/**
 * The newest entries that fit in `maxEntries` and `maxChars` (as JSON), oldest first. A conversation can run to
 * megabytes, more than a client wants in one tool answer; the newest part is what a caller continues from.
 */
export function boundEntries<T extends object>(
  all: readonly T[],
  maxEntries: number,
  maxChars: number,
): BoundedEntries<T> {
  const entries: T[] = [];
  let chars = 0;
  let truncated = false;
  for (let i = all.length - 1; i >= 0 && entries.length < maxEntries; i--) {
    const entry = all[i] as T;
    const size = JSON.stringify(entry).length;
    if (chars + size > maxChars) {
      if (entries.length === 0) {
        entries.unshift(cutStrings(entry, maxChars));
        truncated = true;
      }
      break;
    }
    entries.unshift(entry);
    chars += size;
  }
  return {entries, omittedEntries: all.length - entries.length, truncated};
}
