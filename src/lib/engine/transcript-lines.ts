import type {ToolCall} from '../types.js';
import {parseKiroDuration} from './kiro-time.js';

const MCP_TOOL_NAME = /Running tool (\S+) with the param/;
const COMPLETED = /^(?:-\s*)?Completed in (\S.*)$/;

/**
 * The tool call a cleaned stdout line announces, or null. MCP tools become `@server/tool` (the name form
 * `--trust-tools` uses), or `@server` when the tool name is not in the line.
 */
export function parseToolHeader(line: string): ToolCall | null {
  const builtin = splitSuffix(line, '(using tool: ');
  if (builtin) return {tool: builtin.inside, title: builtin.before};
  const mcp = splitSuffix(line, '(from mcp server: ');
  if (!mcp) return null;
  const name = MCP_TOOL_NAME.exec(mcp.before)?.[1];
  return {tool: name ? `@${mcp.inside}/${name}` : `@${mcp.inside}`, title: mcp.before};
}

/** Milliseconds from a ` - Completed in 0.4s` line, or null when the line is not one. */
export function parseCompleted(line: string): number | null {
  if (!line.includes('Completed in ')) return null;
  const match = COMPLETED.exec(line.trim());
  return match ? parseKiroDuration(match[1] ?? '') : null;
}

/** Whether a cleaned stdout line belongs to the device-code login that blocks a headless run forever. */
export function isLoginPromptLine(line: string): boolean {
  const trimmed = line.trim();
  return (
    trimmed.includes('awsapps.com/start') ||
    trimmed.includes('/device?user_code=') ||
    trimmed === 'Logging in...' ||
    trimmed.startsWith('Confirm the following code')
  );
}

// The words before ` (using tool: NAME)` follow the answer's language; only the suffix is stable (REFERENCE §1).
// Found with lastIndexOf rather than a regex so that a multi-megabyte line costs linear time.
function splitSuffix(line: string, opener: string): {before: string; inside: string} | null {
  const trimmed = line.trimEnd();
  if (!trimmed.endsWith(')')) return null;
  const at = trimmed.lastIndexOf(opener);
  if (at === -1) return null;
  const inside = trimmed.slice(at + opener.length, -1).trim();
  if (inside === '' || inside.includes('(') || inside.includes(')')) return null;
  return {before: trimmed.slice(0, at).trim(), inside};
}
