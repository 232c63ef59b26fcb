/** Shorten to at most `max` code points, ending in `…` (no space before it) when cut; never splits a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = Array.from(text);
  if (points.length <= max) return text;
  return (
    points
      .slice(0, Math.max(0, max - 1))
      .join('')
      .trimEnd() + '…'
  );
}

/** Whitespace runs (newlines included) collapsed to single spaces, trimmed, then shortened to `max`. */
export function oneLine(text: string, max = 80): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), max);
}

/**
 * The first non-blank line of a program's output or a message, trimmed (only among lines matching `pattern`
 * when one is given); '' when there is none. Messages quote it as the evidence of what happened.
 */
export function firstLine(text: string, pattern?: RegExp): string {
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed !== '' && (pattern === undefined || pattern.test(trimmed))) return trimmed;
  }
  return '';
}
