const UNIT_MS: Readonly<Record<string, number>> = {
  h: 3_600_000,
  m: 60_000,
  min: 60_000,
  s: 1000,
  sec: 1000,
  ms: 1,
};
const PART = /(\d+(?:\.\d+)?)\s*(ms|min|sec|h|m|s)(?![a-z])/gy;

/**
 * Milliseconds from a kiro-cli duration: `4s`, `0.4s`, `14m 9s`, `1h 2m 3s`, `850ms`. Null when the text is
 * anything else, so a changed format is noticed instead of misread.
 */
export function parseKiroDuration(text: string): number | null {
  const input = text.trim();
  if (input === '') return null;
  let total = 0;
  let index = 0;
  while (index < input.length) {
    PART.lastIndex = index;
    const match = PART.exec(input);
    if (!match) return null;
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? Number.NaN);
    index = PART.lastIndex;
    while (input[index] === ' ' || input[index] === ',') index++;
  }
  return Number.isFinite(total) ? Math.round(total) : null;
}
