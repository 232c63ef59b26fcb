import {describe, expect, it} from 'vitest';

import {decodeUtf8, invalidUtf8Offset} from '../../src/lib/fs/utf8.js';

const bytes = (...values: number[]): Buffer => Buffer.from(values);

describe('invalidUtf8Offset', () => {
  it.each([
    ['ASCII', Buffer.from('hello\n'), -1],
    ['two-, three- and four-byte characters', Buffer.from('é€😀'), -1],
    ['a UTF-8 byte-order mark', bytes(0xef, 0xbb, 0xbf, 0x41), -1],
    ['Latin-1 é', Buffer.concat([Buffer.from('caf'), bytes(0xe9)]), 3],
    ['Latin-1 é mid-text', Buffer.concat([Buffer.from('caf'), bytes(0xe9), Buffer.from(' au lait')]), 3],
    ['a stray continuation byte', bytes(0x41, 0x80), 1],
    ['an overlong slash', bytes(0xc0, 0xaf), 0],
    ['an overlong three-byte form', bytes(0xe0, 0x80, 0xaf), 0],
    ['a UTF-16 surrogate', bytes(0xed, 0xa0, 0x80), 0],
    ['a code point above U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80), 0],
    ['a sequence cut short at the end', bytes(0x41, 0xe2, 0x82), 1],
    ['UTF-16LE with its byte-order mark', bytes(0xff, 0xfe, 0x68, 0x00), 0],
  ])('%s', (_name, input, offset) => {
    expect(invalidUtf8Offset(input)).toBe(offset);
  });
});

describe('decodeUtf8', () => {
  it('returns valid text unchanged', () => {
    expect(decodeUtf8(Buffer.from('Grüße 😀'), 'stdin')).toBe('Grüße 😀');
  });

  it('refuses anything else, naming the source, the byte, its offset and line', () => {
    const text = Buffer.concat([Buffer.from('line one\nna'), bytes(0xef), Buffer.from('ve\n')]);
    expect(() => decodeUtf8(text, '--prompt-file task.md')).toThrow(
      '--prompt-file task.md is not UTF-8 text: byte 0xEF at byte offset 11 (line 2) is not valid UTF-8.',
    );
  });
});
