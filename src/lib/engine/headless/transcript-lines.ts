import type {ToolCall} from '../../ask/result.js';
import {parseKiroDuration} from './kiro-time.js';

const MCP_TOOL_NAME = /Running tool (\S+) with the param/;
const COMPLETED = /^(?:-\s*)?Completed in (\S.*)$/;
// A header that shares its line with its completion: `… (using tool: introspect) - Completed in 0.68s`.
const TRAILING_COMPLETED = /\)\s*-\s*Completed in (\S+)$/;
// ` (using tool: NAME)` for built-in tools, ` (from mcp server: SERVER)` for MCP tools; neither name holds parens.
const SUFFIX = /\((using tool|from mcp server): ([^()]*)\)/g;

/** The tool calls one cleaned stdout line announces, and the duration of a completion that shares the line. */
export interface ToolLine {
  calls: ToolCall[];
  completedMs: number | null;
}

/**
 * The tool calls a cleaned stdout line announces, or null. Parallel calls may print their headers on one physical
 * line (`Reading file: a, all lines (using tool: read)I will run the following command: echo one (using tool:
 * shell)`), so every ` (using tool: …)` ends one header. MCP tools become `@server/tool` (the name form
 * `--trust-tools` uses), or `@server` when the tool name is not in the line.
 */
export function parseToolLine(line: string): ToolLine | null {
  let body = line.trimEnd();
  let completedMs: number | null = null;
  const done = body.includes('Completed in ') ? TRAILING_COMPLETED.exec(body) : null;
  if (done) {
    completedMs = parseKiroDuration(done[1] ?? '');
    if (completedMs !== null) body = body.slice(0, done.index + 1);
  }
  // Checked first so that a multi-megabyte line without a header costs one scan at most.
  if (!body.endsWith(')') || !(body.includes('(using tool: ') || body.includes('(from mcp server: '))) {
    return null;
  }
  const calls: ToolCall[] = [];
  let from = 0;
  for (const match of body.matchAll(SUFFIX)) {
    const inside = (match[2] ?? '').trim();
    const title = body.slice(from, match.index).trim();
    from = match.index + match[0].length;
    if (inside === '') continue;
    if (match[1] === 'using tool') {
      calls.push({tool: inside, title});
    } else {
      const name = MCP_TOOL_NAME.exec(title)?.[1];
      calls.push({tool: name ? `@${inside}/${name}` : `@${inside}`, title});
    }
  }
  if (from !== body.length || calls.length === 0) return null;
  return {calls, completedMs};
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
