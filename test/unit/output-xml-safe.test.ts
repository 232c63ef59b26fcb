import {describe, expect, test} from 'vitest';

import {oneLine, truncate} from '../../src/lib/output/shorten.js';
import {xmlSafe, xmlSafeAttr} from '../../src/lib/output/xml-safe.js';

describe('xmlSafe', () => {
  test.each([
    ['plain text', 'hello <b> & "q"', 'hello <b> & "q"'],
    ['tab and newline kept', 'a\tb\nc', 'a\tb\nc'],
    ['CR LF and lone CR become LF', 'a\r\nb\rc', 'a\nb\nc'],
    ['NUL and BEL replaced', 'a\u0000b\u0007c', 'a\uFFFDb\uFFFDc'],
    ['VT, FF and US replaced', '\u000b\u000c\u001f', '\uFFFD\uFFFD\uFFFD'],
    ['ANSI colour stripped', '\u001b[1;31merror\u001b[0m', 'error'],
    ['a lone ESC replaced', 'a\u001b', 'a\uFFFD'],
    ['U+FFFE and U+FFFF replaced', '\uFFFE\uFFFF', '\uFFFD\uFFFD'],
    ['lone surrogates replaced', 'a\uD800b\uDC00', 'a\uFFFDb\uFFFD'],
    ['a surrogate pair kept', 'ok 😀', 'ok 😀'],
    ['C1 controls and DEL are legal XML 1.0', '\u007f\u0085', '\u007f\u0085'],
    ['empty', '', ''],
  ])('%s', (_label, input, expected) => {
    expect(xmlSafe(input)).toBe(expected);
  });

  test('attributes are kept on one line', () => {
    expect(xmlSafeAttr('a\r\nb\tc\u0000')).toBe('a b c\uFFFD');
  });
});

describe('truncate and oneLine', () => {
  test('truncate leaves short text alone and cuts long text to max code points with …', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcd', 3)).toBe('ab…');
    expect(truncate('😀😀😀😀', 3)).toBe('😀😀…');
    expect(truncate('😀😀😀', 3)).toBe('😀😀😀');
  });

  test('oneLine collapses whitespace and shortens to 80 by default', () => {
    expect(oneLine('  Fix\n\tthe   bug  ')).toBe('Fix the bug');
    expect(oneLine('x'.repeat(100))).toBe(`${'x'.repeat(79)}…`);
    expect(oneLine('abc def', 5)).toBe('abc…');
  });
});
