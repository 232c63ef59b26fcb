import {parseKiroDuration} from './kiro-time.js';

/** What one cleaned stderr line means to the classifier. */
export type StderrLineFact =
  | {kind: 'trailer'; credits: number | null; kiroTimeMs: number | null}
  | {kind: 'auth'}
  | {kind: 'agent-fallback'; name: string}
  | {kind: 'denied'; tool: string}
  | {kind: 'backend'}
  | {kind: 'none'};

// ` ▸ Credits: 0.06 • Time: 4s`; the numbers' format is not guaranteed, so both parts are optional.
const TRAILER = /^▸\s*Credits:\s*(\S*)\s*(?:•\s*Time:\s*(.*))?$/;
const AGENT_FALLBACK = /no agent with name (.+) found\.(?:\s+Falling back.*)?$/;
// The V3 harness words it differently.
const AGENT_FALLBACK_V3 = /agent "(.+)" not found, using "[^"]*"/;
const DENIED = /\b(?:Command|Tool) (\S+) is rejected because/;
const APPROVAL_REQUIRED = /Tool approval required but --no-interactive was specified(.*)$/;
const APPROVAL_TOOL = /\btool(?:\s*:\s*|\s+['"`])([@A-Za-z_][\w@/.-]*)/i;
const BACKEND = [
  'Kiro is having trouble responding right now',
  'Request quota exceeded',
  /The model you.ve selected is temporarily unavailable/,
] as const;
const WARNING_PREFIXES = ['WARNING:', 'Error:', 'error:', 'Failed to retrieve MCP settings'] as const;

/** Reads one cleaned, trimmed stderr line against what kiro-cli is known to print (REFERENCE §1). */
export function readStderrLine(line: string): StderrLineFact {
  const trailer = TRAILER.exec(line);
  if (trailer) {
    return {
      kind: 'trailer',
      credits: parseCredits(trailer[1] ?? ''),
      kiroTimeMs: parseKiroDuration(trailer[2] ?? ''),
    };
  }
  if (line.includes('Authentication failed') || line.includes('Not logged in')) return {kind: 'auth'};
  const fallback = AGENT_FALLBACK.exec(line) ?? AGENT_FALLBACK_V3.exec(line);
  if (fallback) return {kind: 'agent-fallback', name: fallback[1] ?? ''};
  const denied = DENIED.exec(line);
  if (denied) return {kind: 'denied', tool: denied[1] ?? 'unknown'};
  const approval = APPROVAL_REQUIRED.exec(line);
  if (approval) return {kind: 'denied', tool: APPROVAL_TOOL.exec(approval[1] ?? '')?.[1] ?? 'unknown'};
  if (
    BACKEND.some((pattern) => (typeof pattern === 'string' ? line.includes(pattern) : pattern.test(line)))
  ) {
    return {kind: 'backend'};
  }
  return {kind: 'none'};
}

/** Whether a cleaned, trimmed stderr line is worth showing a user as a warning. */
export function isWarningLine(line: string, fact: StderrLineFact): boolean {
  return (
    fact.kind === 'denied' ||
    fact.kind === 'backend' ||
    fact.kind === 'agent-fallback' ||
    WARNING_PREFIXES.some((p) => line.startsWith(p))
  );
}

// `3.96`, `0`, `1,234.5`; anything else is a trailer whose amount we cannot read.
function parseCredits(text: string): number | null {
  if (!/^\d[\d,]*(?:\.\d+)?$/.test(text)) return null;
  return Number(text.replaceAll(',', ''));
}
