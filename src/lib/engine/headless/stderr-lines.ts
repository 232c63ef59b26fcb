import {parseKiroDuration} from './kiro-time.js';
import {limitResetDate, usageLimitKind} from './usage-limit.js';

/** What one cleaned stderr line means to the classifier. */
export type StderrLineFact =
  | {kind: 'trailer'; credits: number | null; kiroTimeMs: number | null}
  | {kind: 'auth'}
  | {kind: 'usage-limit'; human: boolean}
  | {kind: 'limit-reset'; date: string}
  | {kind: 'cli-usage'; error: boolean}
  | {kind: 'panic'}
  | {kind: 'agent-fallback'; name: string}
  | {kind: 'denied'; tool: string}
  | {kind: 'backend'}
  | {kind: 'none'};

// ` ▸ Credits: 0.06 • Time: 4s`; the numbers' format is not guaranteed, so both parts are optional.
const TRAILER = /^▸\s*Credits:\s*(\S*)\s*(?:•\s*Time:\s*(.*))?$/;
// ` ▸ Time: 19s`: the trailer of subscriptions that are not billed in credits (Q Developer Pro, IdC).
const TIME_TRAILER = /^▸\s*Time:\s*(.*)$/;
const AUTH = [/Authentication failed/, /Not logged in/, /profileArn is required/] as const;
const AGENT_FALLBACK = /no agent with name (.+) found\.(?:\s+Falling back.*)?$/;
// The V3 harness words it differently.
const AGENT_FALLBACK_V3 = /agent "(.+)" not found, using "[^"]*"/;
const DENIED = /\b(?:Command|Tool) (\S+) is rejected because/;
const APPROVAL_REQUIRED = /Tool approval required but --no-interactive was specified(.*)$/;
const APPROVAL_TOOL = /\btool(?:\s*:\s*|\s+['"`])([@A-Za-z_][\w@/.-]*)/i;
// clap's own errors: kiro-cli rejected its command line (exit 2 at top level, exit 1 after `chat` since 2.4.2).
const CLAP_ERROR =
  /^error: (?:unexpected argument|unrecognized subcommand|invalid value '|a value is required for|the argument '[^']*' cannot be used|unexpected value ')/;
const CLAP_USAGE = /^Usage: kiro-cli/;
const PANIC = /^thread '[^']*' panicked at /;
// Service-side trouble a later attempt may not meet: outages, rate limits and throttling, missing capacity.
const BACKEND = [
  /Kiro is having trouble responding right now/,
  /Request quota exceeded/,
  /The model you.ve selected is temporarily unavailable/,
  /\brate limit(?:ed)?\b/i,
  /\bthrottl/i,
  /\bToo many requests\b/i,
  /\bInsufficientModelCapacity\b/,
  /\bdispatch failure\b/,
] as const;
const WARNING_PREFIXES = ['WARNING:', 'Warning:', 'Error:', 'error:', 'ERROR:', '[ERROR]', '⚠'] as const;
const ERROR_PREFIX = /^(?:error|fatal)\s*:|^\[ERROR\]/i;
// Printed on every run or on the way out of a crash; never the reason a turn failed.
const NOISE = [
  'Failed to retrieve MCP settings',
  'All tools are now trusted',
  'Agents can sometimes do unexpected things',
  'Learn more at https://kiro.dev/',
  'Thinking...',
  'note: run with `RUST_BACKTRACE',
  'Backtrace omitted.',
  'Run with RUST_BACKTRACE',
  'Location:',
] as const;
const SOURCE_LOCATION = /^\S+\.rs:\d+(?::\d+)?$/;

/** Reads one cleaned, trimmed stderr line against what kiro-cli is known to print (REFERENCE §1, §7). */
export function readStderrLine(line: string): StderrLineFact {
  const trailer = TRAILER.exec(line);
  if (trailer) {
    return {
      kind: 'trailer',
      credits: parseCredits(trailer[1] ?? ''),
      kiroTimeMs: parseKiroDuration(trailer[2] ?? ''),
    };
  }
  const timeOnly = TIME_TRAILER.exec(line);
  if (timeOnly) return {kind: 'trailer', credits: null, kiroTimeMs: parseKiroDuration(timeOnly[1] ?? '')};
  if (AUTH.some((pattern) => pattern.test(line))) return {kind: 'auth'};
  const limit = usageLimitKind(line);
  if (limit) return {kind: 'usage-limit', human: limit === 'human'};
  const resets = limitResetDate(line);
  if (resets) return {kind: 'limit-reset', date: resets};
  if (CLAP_ERROR.test(line)) return {kind: 'cli-usage', error: true};
  if (CLAP_USAGE.test(line)) return {kind: 'cli-usage', error: false};
  if (PANIC.test(line)) return {kind: 'panic'};
  const fallback = AGENT_FALLBACK.exec(line) ?? AGENT_FALLBACK_V3.exec(line);
  if (fallback) return {kind: 'agent-fallback', name: fallback[1] ?? ''};
  const denied = DENIED.exec(line);
  if (denied) return {kind: 'denied', tool: denied[1] ?? 'unknown'};
  const approval = APPROVAL_REQUIRED.exec(line);
  if (approval) return {kind: 'denied', tool: APPROVAL_TOOL.exec(approval[1] ?? '')?.[1] ?? 'unknown'};
  if (BACKEND.some((pattern) => pattern.test(line))) return {kind: 'backend'};
  return {kind: 'none'};
}

/** Whether a cleaned, trimmed stderr line is worth showing a user as a warning. */
export function isWarningLine(line: string, fact: StderrLineFact): boolean {
  return (
    fact.kind === 'denied' ||
    fact.kind === 'backend' ||
    fact.kind === 'usage-limit' ||
    fact.kind === 'panic' ||
    fact.kind === 'agent-fallback' ||
    WARNING_PREFIXES.some((p) => line.startsWith(p)) ||
    line.startsWith('Failed to retrieve MCP settings')
  );
}

/**
 * How well a line explains a turn that went wrong; the failure message quotes the best one (the first of equal
 * rank). Usage limits, authentication and panics say it all; then `error:` lines (kiro-cli's own and clap's), then
 * backend trouble, then warnings, then any other line. Known noise (the MCP notice every API-key run prints, the
 * trust-all banner, backtrace hints) ranks 0 and is never quoted.
 */
export function explanationRank(line: string, fact: StderrLineFact): number {
  if (NOISE.some((prefix) => line.startsWith(prefix)) || SOURCE_LOCATION.test(line)) return 0;
  switch (fact.kind) {
    case 'trailer':
    case 'limit-reset':
      return 0;
    case 'usage-limit':
      return fact.human ? 6 : 5;
    case 'auth':
    case 'panic':
      return 5;
    case 'cli-usage':
      return 4;
    case 'agent-fallback':
      return 2;
    case 'denied':
      return ERROR_PREFIX.test(line) ? 4 : 2;
    case 'backend':
      return ERROR_PREFIX.test(line) ? 4 : 3;
    case 'none':
      if (ERROR_PREFIX.test(line)) return 4;
      return WARNING_PREFIXES.some((p) => line.startsWith(p)) ? 2 : 1;
  }
}

// `3.96`, `0`, `1,234.5`; anything else is a trailer whose amount we cannot read.
function parseCredits(text: string): number | null {
  if (!/^\d[\d,]*(?:\.\d+)?$/.test(text)) return null;
  return Number(text.replaceAll(',', ''));
}
