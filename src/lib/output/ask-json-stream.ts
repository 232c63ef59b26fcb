import type {SpooledTexts} from '../engine/turn.js';
import {writeChunk as write, type SpoolSink, type TextSpool} from '../engine/process/text-spool.js';
import type {AskResult} from '../ask/result.js';

// Stand-ins for the three text fields in the serialised document; NUL cannot occur in kiro-x's own fields, and
// JSON.stringify writes it as \u0000, so the marker's text is unique in the output.
const MARK = (field: string): string => `\u0000kiro-x:${field}\u0000`;
const FIELDS = ['text', 'messages', 'transcript'] as const;
const QUOTED = (field: string): string => JSON.stringify(MARK(field));

/**
 * Write the `--json` document of a turn whose texts are spooled: the small fields are serialised as usual
 * and the texts streamed into place, so the document can be far larger than any single string. The output is
 * byte-for-byte what `JSON.stringify(materialised, null, 2)` would give.
 */
export async function writeAskJson(sink: SpoolSink, result: AskResult, texts: SpooledTexts): Promise<void> {
  const last = texts.messages.at(-1);
  const skeleton = JSON.stringify(
    {...result, text: MARK('text'), messages: MARK('messages'), transcript: MARK('transcript')},
    null,
    2,
  );
  let rest = skeleton;
  for (const field of FIELDS) {
    const at = rest.indexOf(QUOTED(field));
    await write(sink, rest.slice(0, at));
    rest = rest.slice(at + QUOTED(field).length);
    if (field === 'text') await writeString(sink, last);
    else if (field === 'transcript')
      await (texts.transcript ? texts.transcript.writeTo(sink, {json: true}) : write(sink, 'null'));
    else await writeMessages(sink, texts.messages);
  }
  await write(sink, `${rest}\n`);
}

async function writeString(sink: SpoolSink, spool: TextSpool | undefined): Promise<void> {
  if (spool) await spool.writeTo(sink, {json: true});
  else await write(sink, '""');
}

// The layout JSON.stringify(…, null, 2) gives an array of strings one level down.
async function writeMessages(sink: SpoolSink, messages: readonly TextSpool[]): Promise<void> {
  if (messages.length === 0) return write(sink, '[]');
  await write(sink, '[\n');
  for (const [i, spool] of messages.entries()) {
    await write(sink, '    ');
    await spool.writeTo(sink, {json: true});
    await write(sink, i < messages.length - 1 ? ',\n' : '\n');
  }
  await write(sink, '  ]');
}
