import type {AskResult} from '../ask/result.js';
import type {Outcome} from '../outcomes.js';

/** Outcomes another attempt may fix. */
const TRANSIENT: ReadonlySet<Outcome> = new Set(['timed_out', 'stalled']);

/**
 * Backend trouble on stderr that a later attempt may not meet (kiro-cli exits 0 or 1 on these): outages, rate
 * limits and throttling, models without capacity, network failures. A usage limit is its own outcome
 * (`usage_limited`) and never retried: nothing runs again before the limit resets.
 */
const BACKEND_TROUBLE =
  /having trouble responding|quota exceeded|temporarily unavailable|rate limit|throttl|too many requests|InsufficientModelCapacity|dispatch failure/i;

/** Whether a failed attempt is worth retrying: timeouts, stalls and failures with backend trouble on stderr. */
export function isTransient(result: Pick<AskResult, 'outcome' | 'stderrTail' | 'warnings'>): boolean {
  if (TRANSIENT.has(result.outcome)) return true;
  if (result.outcome !== 'failed') return false;
  return (
    BACKEND_TROUBLE.test(result.stderrTail) || result.warnings.some((line) => BACKEND_TROUBLE.test(line))
  );
}

/** Backoff parameters: the first retry waits up to `baseMs`, each later one up to twice as long, at most `capMs`. */
export interface Backoff {
  baseMs: number;
  capMs: number;
}

/** The policy: base 1 s, cap 60 s. */
export const DEFAULT_BACKOFF: Backoff = {baseMs: 1000, capMs: 60_000};

/** Delay before retry number `retry` (1 = first retry): exponential backoff with full jitter. */
export function backoffDelay(retry: number, backoff: Backoff, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/** Resolves after `ms`, or at once when the signal aborts. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted || ms <= 0) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, {once: true});
  });
}
