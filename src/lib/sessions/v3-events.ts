import {
  ConversationBuilder,
  isoTime,
  type ConversationEntry,
  type ConversationOptions,
} from './conversation.js';
import {dict, type Dict} from './json-shape.js';

const text = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);

/** One `{"id","timestamp","payload":{"type",…}}` line of `messages.jsonl`, or null. */
function parseLine(line: string): {at: string | null; payload: Dict} | null {
  if (line.trim() === '') return null;
  try {
    const record = dict(JSON.parse(line));
    const payload = dict(record.payload);
    return typeof payload.type === 'string' ? {at: isoTime(record.timestamp), payload} : null;
  } catch {
    return null;
  }
}

// The first prompt of a V3 session is stored only as `session_start`; later ones as `user`.
const PROMPT_TYPES = new Set(['session_start', 'user']);

/**
 * The conversation of a V3 session's `messages.jsonl`: `session_start`/`user` prompts, `assistant` answers
 * (`operationType: "Reasoning"` is thinking), `tool_call`/`tool_result` paired by toolCallId; lifecycle payloads
 * (`turn_start`, `usage_summary`, …) skipped.
 */
export function parseV3Messages(
  lines: string,
  options: ConversationOptions,
): {entries: ConversationEntry[]; messages: number} {
  const builder = new ConversationBuilder(options);
  for (const line of lines.split('\n')) {
    const record = parseLine(line);
    if (record === null) continue;
    const {payload, at} = record;
    const type = payload.type as string;
    if (PROMPT_TYPES.has(type)) {
      builder.message();
      builder.prompt(text(payload.content), at);
    } else if (type === 'assistant') {
      builder.message();
      if (payload.operationType === 'Reasoning') builder.thinking(text(payload.content));
      else builder.answer(text(payload.content));
    } else if (type === 'tool_call') {
      builder.message();
      const id = typeof payload.toolCallId === 'string' ? payload.toolCallId : null;
      builder.toolUse(id, typeof payload.toolName === 'string' ? payload.toolName : 'unknown', payload.args);
    } else if (type === 'tool_result') {
      builder.message();
      const id = typeof payload.toolCallId === 'string' ? payload.toolCallId : null;
      const status = typeof payload.success === 'boolean' ? (payload.success ? 'success' : 'error') : null;
      builder.toolResult(id, status, text(payload.content));
    }
  }
  return builder.build();
}

/** The prompt texts among V3 message lines; null when no line is a message record at all. */
export function v3Prompts(lines: string): string[] | null {
  const records = lines.split('\n').flatMap((line) => parseLine(line) ?? []);
  if (records.length === 0) return null;
  return records
    .filter((r) => PROMPT_TYPES.has(r.payload.type as string))
    .map((r) => text(r.payload.content));
}
