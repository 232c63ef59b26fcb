import {plural} from '../output/plural.js';

const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** `just now`, `19 seconds ago`, `3 minutes ago`, `2 days ago` for an ISO time (`in the future` if ahead). */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  const seconds = Math.round((now - ms) / 1000);
  if (seconds < -5) return 'in the future';
  if (seconds < 5) return 'just now';
  for (const [unit, size] of UNITS) {
    const n = Math.floor(seconds / size);
    if (n >= 1) return `${plural(n, unit)} ago`;
  }
  return `${seconds} seconds ago`;
}
