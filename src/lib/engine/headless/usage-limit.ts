/**
 * Lines that say the account's usage limit is reached. kiro-cli words them differently by harness and version:
 * V2 prints `Monthly request limit reached` on stderr, V3 `You've reached your monthly usage limit.` on stdout with
 * the backend's error body on stderr, and other builds and the IDE show the rest. A human sentence is preferred
 * over an error code when the message quotes one.
 */
const HUMAN = [
  /\b(?:monthly|daily) request limit reached\b/i,
  /\breached (?:your|the) (?:monthly|daily) usage limit\b/i,
  /\b(?:monthly|daily) usage limit has been reached\b/i,
  /\breached the limit for overages\b/i,
] as const;
// Backend codes. `InsufficientModelCapacity` is deliberately absent: it is the service lacking capacity for a
// model, which passes, not the account running out, so it counts as transient backend trouble.
const CODE = [
  /\bServiceQuotaExceededException\b/,
  /\bUsageLimitReachedError\b/,
  /\b(?:MONTHLY|DAILY)_REQUEST_COUNT\b/,
  /\b(?:Monthly|Daily)RequestCount\b/,
] as const;
// `The limits reset on 10/01.` (MM/DD); a year may follow.
const RESET = /\breset(?:s)? on (\d{1,2}\/\d{1,2}(?:\/\d{2,4})?)\b/i;

/** Whether a cleaned line reports a usage limit: `human` (a sentence), `code` (an error code), or null. */
export function usageLimitKind(line: string): 'human' | 'code' | null {
  if (HUMAN.some((pattern) => pattern.test(line))) return 'human';
  if (CODE.some((pattern) => pattern.test(line))) return 'code';
  return null;
}

/** The reset date of a `The limits reset on 10/01.` line, or null. */
export function limitResetDate(line: string): string | null {
  return RESET.exec(line)?.[1] ?? null;
}
