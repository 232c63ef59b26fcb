import {
  ConversationBuilder,
  isoTime,
  type ConversationEntry,
  type ConversationOptions,
} from './conversation.js';
import {dict, type Dict} from './json-shape.js';

const blocks = (value: unknown): Dict[] => (Array.isArray(value) ? value.map(dict) : []);

/** One line of `<uuid>.jsonl` (`{"version":"v1","kind":K,"data":D}`), or null when it is not one. */
function parseLine(line: string): {kind: string; data: Dict} | null {
  if (line.trim() === '') return null;
  try {
    const event = dict(JSON.parse(line));
    return typeof event.kind === 'string' ? {kind: event.kind, data: dict(event.data)} : null;
  } catch {
    return null;
  }
}

/** The text blocks of a content array joined (images and others left out); older stores kept `data.text`. */
function textOf(data: Dict): string {
  if (!Array.isArray(data.content)) return typeof data.text === 'string' ? data.text : '';
  return blocks(data.content)
    .filter((b) => b.kind === 'text' && typeof b.data === 'string')
    .map((b) => b.data as string)
    .join('\n');
}

/** A toolResult's content blocks as text: text as is, a shell's json result as stdout then stderr. */
function resultText(content: unknown): string {
  return blocks(content)
    .map((b) => {
      if (typeof b.data === 'string') return b.data;
      const json = dict(b.data);
      if (typeof json.stdout === 'string' || typeof json.stderr === 'string') {
        return [json.stdout, json.stderr].filter((s) => typeof s === 'string' && s !== '').join('\n');
      }
      return b.data === undefined ? '' : JSON.stringify(b.data);
    })
    .join('\n');
}

function assistant(builder: ConversationBuilder, data: Dict): void {
  for (const block of blocks(data.content)) {
    const inner = dict(block.data);
    if (block.kind === 'text' && typeof block.data === 'string') builder.answer(block.data);
    else if (block.kind === 'thinking') {
      builder.thinking(typeof block.data === 'string' ? block.data : String(inner.text ?? ''));
    } else if (block.kind === 'toolUse') {
      const id = typeof inner.toolUseId === 'string' ? inner.toolUseId : null;
      builder.toolUse(id, typeof inner.name === 'string' ? inner.name : 'unknown', inner.input);
    }
  }
}

function toolResults(builder: ConversationBuilder, data: Dict): void {
  for (const block of blocks(data.content)) {
    if (block.kind !== 'toolResult') continue;
    const inner = dict(block.data);
    const id = typeof inner.toolUseId === 'string' ? inner.toolUseId : null;
    builder.toolResult(id, typeof inner.status === 'string' ? inner.status : null, resultText(inner.content));
  }
}

/**
 * The conversation of a V2 session's events: prompts and answers from text blocks, tool calls paired with
 * their results by toolUseId, thinking only when asked, Clear / Compaction / ResetTo / CancelledPrompt
 * handled, unknown kinds and broken lines skipped.
 */
export function parseV2Events(
  text: string,
  options: ConversationOptions,
): {entries: ConversationEntry[]; messages: number} {
  const builder = new ConversationBuilder(options);
  for (const line of text.split('\n')) {
    const event = parseLine(line);
    if (event === null) continue;
    const {kind, data} = event;
    if (kind === 'Prompt' || kind === 'CancelledPrompt') {
      if (kind === 'Prompt') builder.message();
      builder.prompt(textOf(data), isoTime(dict(data.meta).timestamp), kind === 'CancelledPrompt');
    } else if (kind === 'AssistantMessage') {
      builder.message();
      assistant(builder, data);
    } else if (kind === 'ToolResults') {
      builder.message();
      toolResults(builder, data);
    } else if (kind === 'Clear') builder.clear();
    else if (kind === 'Compaction') builder.compaction(typeof data.summary === 'string' ? data.summary : '');
    else if (kind === 'ResetTo') {
      builder.reset(typeof data.target_index === 'number' ? data.target_index : null);
    }
  }
  return builder.build();
}

/** The prompt texts among V2 event lines; null when no line is an event at all (a format kiro-x cannot read). */
export function v2Prompts(text: string): string[] | null {
  const events = text.split('\n').flatMap((line) => parseLine(line) ?? []);
  if (events.length === 0) return null;
  return events.filter((e) => e.kind === 'Prompt').map((e) => textOf(e.data));
}
