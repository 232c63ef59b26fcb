import stripAnsi from 'strip-ansi';

/** What replaces a character XML 1.0 cannot carry. */
export const REPLACEMENT = '\uFFFD';

// XML 1.0 `Char` production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
// Everything else (C0 controls, U+FFFE/U+FFFF, lone surrogates) makes the whole document unparseable.
function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * Text made storable in XML 1.0: ANSI escapes removed, line ends made `\n` (a parser would turn CR LF into LF
 * anyway; a lone CR is a terminal overwrite), then every forbidden character replaced by U+FFFD.
 */
export function xmlSafe(text: string): string {
  const plain = stripAnsi(text).replace(/\r\n?/g, '\n');
  let out = '';
  let start = 0;
  let i = 0;
  // for…of yields a lone surrogate as its own one-unit string, so it fails isXmlChar like any control byte.
  for (const ch of plain) {
    if (!isXmlChar(ch.codePointAt(0) ?? 0)) {
      out += plain.slice(start, i) + REPLACEMENT;
      start = i + ch.length;
    }
    i += ch.length;
  }
  return start === 0 ? plain : out + plain.slice(start);
}

/**
 * An attribute value on one line: parsers turn newlines and tabs in attributes into spaces anyway, so doing it
 * here keeps what we write equal to what a reader sees.
 */
export function xmlSafeAttr(text: string): string {
  return xmlSafe(text).replace(/[\n\t]/g, ' ');
}
