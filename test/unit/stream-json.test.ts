import {describe, expect, it} from 'vitest';
import type {TurnEvent} from '../../src/lib/engine/events.js';
import type {SpoolSink} from '../../src/lib/engine/process/text-spool.js';
import {EventLineWriter} from '../../src/lib/output/stream-json.js';

const warning = (n: number): TurnEvent => ({type: 'warning', message: `w${n}`, elapsedMs: n});

/** A sink that takes a write only when the test says so, as a slow reader would. */
function slowSink() {
  const writes: string[] = [];
  const pending: Array<(error?: Error | null) => void> = [];
  const sink: SpoolSink = {
    write(chunk, callback) {
      writes.push(chunk);
      pending.push(callback);
      return false;
    },
  };
  return {sink, writes, pending, take: (error?: Error) => pending.shift()?.(error ?? null)};
}

describe('EventLineWriter', () => {
  it('writes compact lines in order, one write at a time while the sink is busy', async () => {
    const {sink, writes, take} = slowSink();
    const lines = new EventLineWriter(sink);
    lines.write(warning(1));
    lines.write(warning(2));
    lines.write(warning(3));
    // The first line is out; the others wait for the sink, then go together.
    expect(writes).toEqual(['{"type":"warning","message":"w1","elapsedMs":1}\n']);
    take();
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual([
      '{"type":"warning","message":"w1","elapsedMs":1}\n',
      '{"type":"warning","message":"w2","elapsedMs":2}\n{"type":"warning","message":"w3","elapsedMs":3}\n',
    ]);
    const flushed = lines.flush();
    take();
    await flushed;
  });

  it('a reader that closed the stream (EPIPE) ends the writing quietly', async () => {
    const {sink, writes, take} = slowSink();
    const lines = new EventLineWriter(sink);
    lines.write(warning(1));
    take(Object.assign(new Error('write EPIPE'), {code: 'EPIPE'}));
    await lines.flush();
    lines.write(warning(2));
    await lines.flush();
    expect(writes).toHaveLength(1);
  });

  it('any other write error surfaces at flush', async () => {
    const {sink, take} = slowSink();
    const lines = new EventLineWriter(sink);
    lines.write(warning(1));
    take(Object.assign(new Error('write EIO'), {code: 'EIO'}));
    await expect(lines.flush()).rejects.toThrow('write EIO');
  });
});
