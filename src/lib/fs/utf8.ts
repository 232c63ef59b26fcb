import {isUtf8} from 'node:buffer';

import {UsageError} from '../errors.js';

/** Whether `byte` is a UTF-8 continuation byte (10xxxxxx) within the bounds a lead byte allows. */
const within = (byte: number | undefined, low = 0x80, high = 0xbf): boolean =>
  byte !== undefined && byte >= low && byte <= high;

/**
 * The offset of the first byte that does not start a valid UTF-8 sequence (overlong forms, surrogates and
 * code points above U+10FFFF included), or -1 when every byte is valid.
 */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i] as number;
    let size: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead < 0x80) size = 1;
    else if (lead >= 0xc2 && lead <= 0xdf) size = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      size = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      size = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    if (size > 1 && !within(bytes[i + 1], low, high)) return i;
    for (let k = 2; k < size; k++) if (!within(bytes[i + k])) return i;
    i += size;
  }
  return -1;
}

/**
 * Decode UTF-8 text, refusing anything else: kiro-x would otherwise send U+FFFD in place of every bad byte
 * without a word. `subject` names the source (`--prompt-file task.md`, `stdin`).
 */
export function decodeUtf8(bytes: Buffer, subject: string): string {
  if (isUtf8(bytes)) return bytes.toString('utf8');
  const offset = invalidUtf8Offset(bytes);
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  const byte = `0x${(bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0')}`;
  throw new UsageError(
    `${subject} is not UTF-8 text: byte ${byte} at byte offset ${offset} (line ${line}) is not valid UTF-8.`,
    ['convert it to UTF-8 first, e.g. iconv -f latin1 -t utf-8'],
  );
}
