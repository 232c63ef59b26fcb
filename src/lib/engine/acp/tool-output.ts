/** The most of a tool's output one event carries: 64 KiB of UTF-8. */
export const MAX_TOOL_OUTPUT_BYTES = 64 * 1024;

/**
 * A tool call's output as text: kiro-cli's `rawOutput.items` (`{Text}` / `{Json}`), else ACP `content` blocks,
 * else the raw output as JSON; null when the update carries none. Bounded, the cut marked.
 */
export function toolOutputText(
  rawOutput: unknown,
  content: unknown,
  maxBytes = MAX_TOOL_OUTPUT_BYTES,
): string | null {
  const text = fromItems(rawOutput) ?? fromContent(content) ?? fromRaw(rawOutput);
  return text === null ? null : boundText(text, maxBytes);
}

/** `text` cut to at most `maxBytes` of UTF-8 (never inside a character), with `… [N more bytes]` when cut. */
export function boundText(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  let end = maxBytes;
  // Step back over continuation bytes (10xxxxxx) so the cut falls between characters.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return `${bytes.subarray(0, end).toString('utf8')}… [${bytes.length - end} more bytes]`;
}

function fromItems(rawOutput: unknown): string | null {
  const items = (rawOutput as {items?: unknown} | null | undefined)?.items;
  if (!Array.isArray(items)) return null;
  return items
    .map((item: unknown) => {
      const {Text, Json} = (item ?? {}) as {Text?: unknown; Json?: unknown};
      if (typeof Text === 'string') return Text;
      return JSON.stringify(Json === undefined ? item : Json);
    })
    .join('\n');
}

function fromContent(content: unknown): string | null {
  if (!Array.isArray(content) || content.length === 0) return null;
  return content
    .map((block: unknown) => {
      const inner = (block as {content?: {text?: unknown}} | null)?.content;
      return typeof inner?.text === 'string' ? inner.text : JSON.stringify(block);
    })
    .join('\n');
}

function fromRaw(rawOutput: unknown): string | null {
  if (rawOutput === undefined || rawOutput === null) return null;
  return typeof rawOutput === 'string' ? rawOutput : JSON.stringify(rawOutput);
}
