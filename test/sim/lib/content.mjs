// Generated answers for the stress directives: big, line, invalid-utf8 and binary.
import {EOL, marker} from './render.mjs';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function filler(length, offset = 0) {
  const repeats = Math.ceil((length + offset) / ALPHABET.length) + 1;
  return ALPHABET.repeat(repeats).slice(offset, offset + length);
}

const LINES_PER_BLOCK = 10_000;

/**
 * Exactly `bytes` bytes of ASCII text in numbered lines of 100 bytes (99 characters + newline), yielded in
 * blocks of complete lines so a 200 MB answer never sits in memory at once.
 */
export function* bigTextBlocks(bytes) {
  const fillers = Array.from({length: ALPHABET.length}, (_, i) => filler(91, i));
  let lines = [];
  for (let at = 0, n = 1; at < bytes; at += 100, n++) {
    const line = `${String(n).padStart(7, '0')} ${fillers[n % ALPHABET.length]}\n`;
    lines.push(line.slice(0, Math.min(100, bytes - at)));
    if (lines.length === LINES_PER_BLOCK) {
      yield lines.join('');
      lines = [];
    }
  }
  if (lines.length > 0) yield lines.join('');
}

/** The whole of {@link bigTextBlocks} as one string (small sizes only). */
export function bigText(bytes) {
  return [...bigTextBlocks(bytes)].join('');
}

/** One line of exactly `bytes` ASCII bytes. */
export function lineText(bytes) {
  return filler(bytes);
}

/** An answer with 0xff 0xfe in the middle and a multi-byte sequence cut off at the very end. */
export function invalidUtf8Answer(noColor) {
  return Buffer.concat([
    Buffer.from(`${marker(noColor)}invalid bytes: `),
    Buffer.from([0xff, 0xfe]),
    Buffer.from(` end${EOL}truncated euro: `),
    Buffer.from([0xe2, 0x82]),
  ]);
}

/** Deterministic random-looking bytes (xorshift32), NULs and control bytes included. */
export function binaryGarbage(length) {
  const bytes = Buffer.alloc(length);
  let x = 0x9e3779b9;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    bytes[i] = x & 0xff;
  }
  return bytes;
}
