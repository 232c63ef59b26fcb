import {readdirSync} from 'node:fs';
import os from 'node:os';
import {describe, expect, it} from 'vitest';
import {TextSpool, type SpoolSink} from '../../src/lib/engine/process/text-spool.js';

/** A sink that collects what was written, in the pieces it arrived in. */
function collector(): SpoolSink & {pieces: string[]} {
  const pieces: string[] = [];
  return {
    pieces,
    write(chunk, callback) {
      pieces.push(chunk);
      callback();
      return true;
    },
  };
}

const spoolFiles = (): string[] =>
  readdirSync(os.tmpdir()).filter((n) => n.startsWith(`kiro-x-spool-${process.pid}-`));

describe('TextSpool', () => {
  it.each([
    ['in memory', 1000],
    ['spilled to disk', 16],
  ])('%s: keeps every character, multi-byte ones across chunk edges included', async (_name, limit) => {
    const spool = new TextSpool(limit);
    const parts = ['héllo ', '🌍 日本語\n', 'x'.repeat(40), '"quoted" \\ and \u0001'];
    for (const part of parts) spool.append(part);
    const whole = parts.join('');
    expect(spool.spilled).toBe(limit === 16);
    expect(spool.length).toBe(whole.length);
    expect(spool.toString()).toBe(whole);
    expect(spool.head(8)).toBe(whole.slice(0, 8));
    const raw = collector();
    await spool.writeTo(raw);
    expect(raw.pieces.join('')).toBe(whole);
    const json = collector();
    await spool.writeTo(json, {json: true});
    expect(JSON.parse(json.pieces.join(''))).toBe(whole);
    spool.dispose();
  });

  it('never leaves a file behind, even before dispose', () => {
    const spool = new TextSpool(4);
    spool.append('more than four');
    expect(spool.spilled).toBe(true);
    expect(spoolFiles()).toEqual([]);
    spool.dispose();
  });

  it('an empty spool writes an empty JSON string', async () => {
    const json = collector();
    await new TextSpool().writeTo(json, {json: true});
    expect(json.pieces.join('')).toBe('""');
  });

  it('reads a large spilled text back in bounded pieces', async () => {
    const spool = new TextSpool(1024);
    const line = `${'é'.repeat(99)}\n`;
    for (let i = 0; i < 30_000; i++) spool.append(line);
    const sink = collector();
    await spool.writeTo(sink);
    expect(sink.pieces.length).toBeGreaterThan(2);
    expect(Math.max(...sink.pieces.map((p) => p.length))).toBeLessThanOrEqual(1024 * 1024);
    expect(sink.pieces.join('')).toBe(line.repeat(30_000));
    spool.dispose();
  });
});
