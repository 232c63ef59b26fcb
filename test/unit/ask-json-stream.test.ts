import {describe, expect, it} from 'vitest';
import type {SpooledTexts} from '../../src/lib/engine/turn.js';
import {TextSpool, type SpoolSink} from '../../src/lib/engine/process/text-spool.js';
import {writeAskJson} from '../../src/lib/output/ask-json-stream.js';
import {sampleAskResult} from '../helpers/validate.js';

function spool(text: string, limit = 1 << 20): TextSpool {
  const s = new TextSpool(limit);
  s.append(text);
  return s;
}

async function render(texts: SpooledTexts): Promise<string> {
  const pieces: string[] = [];
  const sink: SpoolSink = {
    write(chunk, callback) {
      pieces.push(chunk);
      callback();
      return true;
    },
  };
  await writeAskJson(sink, sampleAskResult({text: '', messages: [], transcript: null}), texts);
  return pieces.join('');
}

describe('writeAskJson', () => {
  it.each([
    ['no texts at all', [], null],
    ['one message, no transcript', ['only "answer"\n\ttabbed'], null],
    [
      'several messages and a transcript',
      ['first', 'sé\u0001cond 🌍'],
      '> first\ntool line\n> sé\u0001cond 🌍',
    ],
  ])('is exactly JSON.stringify(result, null, 2) for %s', async (_name, messages, transcript) => {
    const limit = 4; // spilled to disk, so the streamed path is the one under test
    const out = await render({
      messages: messages.map((m) => spool(m, limit)),
      transcript: transcript === null ? null : spool(transcript, limit),
    });
    const expected = sampleAskResult({text: messages.at(-1) ?? '', messages, transcript});
    expect(out).toBe(`${JSON.stringify(expected, null, 2)}\n`);
  });
});
