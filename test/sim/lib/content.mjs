// Generated answers for the stress directives: big, line, invalid-utf8 and binary.
import {EOL, marker} from './render.mjs';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function filler(length, offset = 0) {
  const repeats = Math.ceil((length + offset) / ALPHABET.length) + 1;
  return ALPHABET.repeat(repeats).slice(offset, offset + length);
}

/** Exactly `bytes` bytes of ASCII text in numbered lines of 100 bytes (99 characters + newline). */
export function bigText(bytes) {
  const lines = [];
  for (let at = 0, n = 1; at < bytes; at += 100, n++) {
    const line = `${String(n).padStart(7, '0')} ${filler(91, n % ALPHABET.length)}\n`;
    lines.push(line.slice(0, Math.min(100, bytes - at)));
  }
  return lines.join('');
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
