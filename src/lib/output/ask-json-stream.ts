import type {SpooledTexts} from '../engine/turn.js';
import {writeChunk as write, type SpoolSink, type TextSpool} from '../engine/process/text-spool.js';
import {askDocument, type AskResult} from '../ask/result.js';

// Stand-ins for the three text fields in the serialised document; NUL cannot occur in kiro-x's own fields, and
// JSON.stringify writes it as \u0000, so the marker's text is unique in the output.
const MARK = (field: string): string => `\u0000kiro-x:${field}\u0000`;
const FIELDS = ['text', 'messages', 'transcript'] as const;
const QUOTED = (field: string): string => JSON.stringify(MARK(field));

/**
 * Write the `--json` document of a turn whose texts are spooled: the small fields are serialised as usual
 * and the texts streamed into place, so the document can be far larger than any single string. The output is
 * byte-for-byte what `JSON.stringify(askDocument(materialised), null, 2)` would give.
 */
export function writeAskJson(sink: SpoolSink, result: AskResult, texts: SpooledTexts): Promise<void> {
  return writeDocument(sink, result, texts, 2);
}

/**
 * The same document on one line, as `stream-json` ends with it: byte-for-byte
 * `JSON.stringify(askDocument(materialised))` and a newline.
 */
export function writeAskJsonLine(sink: SpoolSink, result: AskResult, texts: SpooledTexts): Promise<void> {
  return writeDocument(sink, result, texts, 0);
}

async function writeDocument(
  sink: SpoolSink,
  result: AskResult,
  texts: SpooledTexts,
  indent: 0 | 2,
): Promise<void> {
  const last = texts.messages.at(-1);
  const skeleton = JSON.stringify(
    {...askDocument(result), text: MARK('text'), messages: MARK('messages'), transcript: MARK('transcript')},
    null,
    indent,
  );
  let rest = skeleton;
  for (const field of FIELDS) {
    const at = rest.indexOf(QUOTED(field));
    await write(sink, rest.slice(0, at));
    rest = rest.slice(at + QUOTED(field).length);
    if (field === 'text') await writeString(sink, last);
    else if (field === 'transcript')
      await (texts.transcript ? texts.transcript.writeTo(sink, {json: true}) : write(sink, 'null'));
    else await writeMessages(sink, texts.messages, indent);
  }
  await write(sink, `${rest}\n`);
}

async function writeString(sink: SpoolSink, spool: TextSpool | undefined): Promise<void> {
  if (spool) await spool.writeTo(sink, {json: true});
  else await write(sink, '""');
}

// The layout JSON.stringify gives an array of strings one level down: `[\n    "a",\n    "b"\n  ]` with an
// indent of 2, `["a","b"]` without.
async function writeMessages(sink: SpoolSink, messages: readonly TextSpool[], indent: 0 | 2): Promise<void> {
  if (messages.length === 0) return write(sink, '[]');
  const [open, before, between, close] = indent === 0 ? ['[', '', ',', ']'] : ['[\n', '    ', ',\n', '\n  ]'];
  await write(sink, open);
  for (const [i, spool] of messages.entries()) {
    if (before !== '') await write(sink, before);
    await spool.writeTo(sink, {json: true});
    if (i < messages.length - 1) await write(sink, between);
  }
  await write(sink, close);
}
