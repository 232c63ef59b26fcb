import {UsageError} from './errors.js';

/** Longest delay Node's timers honour: anything above fires after 1 ms (TimeoutOverflowWarning). */
export const MAX_DURATION_MS = 2_147_483_647;

const UNIT_MS = {ms: 1, s: 1000, m: 60_000, h: 3_600_000} as const;
const SECONDS = /^\d+(?:\.\d+)?$/;
const WHOLE = /^(?:\d+(?:\.\d+)?\s*(?:ms|s|m|h)\s*)+$/;
const PART = /(\d+(?:\.\d+)?)\s*(ms|s|m|h)/g;
const HINT = 'use seconds like 90, or 500ms, 30s, 5m, 1h30m';

/**
 * Parses a duration into milliseconds. A bare number means seconds (people type `--timeout 90`), everywhere:
 * flags, environment variables and config files alike. `what` names where the value came from.
 */
export function parseDuration(input: string | number, what: string): number {
  const ms = toMilliseconds(input);
  if (ms === null) throw new UsageError(`${what}: invalid duration "${String(input)}" (${HINT})`);
  if (ms > MAX_DURATION_MS) {
    throw new UsageError(
      `${what}: duration "${String(input)}" is too long (maximum ${formatDuration(MAX_DURATION_MS)})`,
    );
  }
  return ms;
}

function toMilliseconds(input: string | number): number | null {
  if (typeof input === 'number')
    return Number.isFinite(input) && input >= 0 ? Math.round(input * 1000) : null;
  const text = input.trim();
  if (SECONDS.test(text)) return Math.round(Number(text) * 1000);
  if (!WHOLE.test(text)) return null;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(PART))
    total += Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  return Math.round(total);
}

/** Renders milliseconds for people (`250ms`, `1m 30s`, `1h 5m`); parseDuration reads the result back. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 0) return `-${formatDuration(-ms)}`;
  const rounded = Math.round(ms);
  if (rounded < 1000) return `${rounded}ms`;
  const hours = Math.floor(rounded / UNIT_MS.h);
  const minutes = Math.floor((rounded % UNIT_MS.h) / UNIT_MS.m);
  const seconds = (rounded % UNIT_MS.m) / 1000;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours}h`);
  if (minutes > 0) parts.push(`${minutes}m`);
  if (seconds > 0) parts.push(`${seconds}s`);
  return parts.join(' ');
}

/** Elapsed time in whole seconds for live displays (`0s`, `42s`, `1m 5s`): never `0ms`, which reads as done. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return seconds === 0 ? '0s' : formatDuration(seconds * 1000);
}
