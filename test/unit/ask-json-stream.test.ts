import {describe, expect, it} from 'vitest';
import type {SpooledTexts} from '../../src/lib/engine/turn.js';
import {TextSpool, type SpoolSink} from '../../src/lib/engine/process/text-spool.js';
import {askDocument} from '../../src/lib/ask/result.js';
import {writeAskJson, writeAskJsonLine} from '../../src/lib/output/ask-json-stream.js';
import {sampleAskResult} from '../helpers/validate.js';

function spool(text: string, limit = 1 << 20): TextSpool {
  const s = new TextSpool(limit);
  s.append(text);
  return s;
}

async function render(texts: SpooledTexts, write = writeAskJson): Promise<string> {
  const pieces: string[] = [];
  const sink: SpoolSink = {
    write(chunk, callback) {
      pieces.push(chunk);
      callback();
      return true;
    },
  };
  await write(sink, sampleAskResult({text: '', messages: [], transcript: null}), texts);
  return pieces.join('');
}

const CASES: [string, string[], string | null][] = [
  ['no texts at all', [], null],
  ['one message, no transcript', ['only "answer"\n\ttabbed'], null],
  [
    'several messages and a transcript',
    ['first', 'sé\u0001cond 🌍'],
    '> first\ntool line\n> sé\u0001cond 🌍',
  ],
];

// Spilled to disk, so the streamed path is the one under test.
const spooled = (messages: string[], transcript: string | null): SpooledTexts => ({
  messages: messages.map((m) => spool(m, 4)),
  transcript: transcript === null ? null : spool(transcript, 4),
});

describe('writeAskJson', () => {
  it.each(CASES)(
    'is exactly JSON.stringify(document, null, 2) for %s',
    async (_name, messages, transcript) => {
      const out = await render(spooled(messages, transcript));
      const expected = askDocument(sampleAskResult({text: messages.at(-1) ?? '', messages, transcript}));
      expect(out).toBe(`${JSON.stringify(expected, null, 2)}\n`);
      expect(Object.keys(JSON.parse(out) as object)[0]).toBe('type');
    },
  );
});

describe('writeAskJsonLine', () => {
  it.each(CASES)(
    'is exactly JSON.stringify(document) on one line for %s',
    async (_name, messages, transcript) => {
      const out = await render(spooled(messages, transcript), writeAskJsonLine);
      const expected = askDocument(sampleAskResult({text: messages.at(-1) ?? '', messages, transcript}));
      expect(out).toBe(`${JSON.stringify(expected)}\n`);
      expect(out.indexOf('\n')).toBe(out.length - 1);
    },
  );
});
