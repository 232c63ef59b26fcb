/* eslint-disable no-control-regex -- matching terminal control characters is what this file is for */
import stripAnsi from 'strip-ansi';

// C0 controls other than tab, plus DEL: left over after strip-ansi (a lone ESC, BEL, backspace, CR).
const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
// A CSI cut off by the end of the stream (`ESC[38;5`) never matches strip-ansi's pattern.
const TRUNCATED_CSI = /\u001b\[[\u0030-\u003f]*[\u0020-\u002f]*$/;

/** One line of kiro-cli output as a person would read it: CSI/OSC sequences and stray control characters removed. */
export function cleanLine(raw: string): string {
  const light = stripPlainSgr(raw);
  if (light !== null) return light;
  return stripAnsi(raw.replace(TRUNCATED_CSI, '')).replace(CONTROL_CHARS, '');
}

/**
 * kiro-cli's own colouring is plain SGR (`ESC[0m`, `ESC[38;5;141m`, `ESC[1m`). One pass removes those and
 * returns the line, or returns null when any other control character is present and the full (much slower)
 * CSI/OSC pattern must run. Megabytes of output go through here line by line, hence the hand-written loop.
 */
function stripPlainSgr(raw: string): string | null {
  let out = '';
  let from = 0;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code >= 0x20 && (code < 0x7f || code > 0x9f)) continue;
    if (code === 0x09) continue;
    if (code !== 0x1b || raw.charCodeAt(i + 1) !== 0x5b) return null;
    let end = i + 2;
    while (end < raw.length) {
      const c = raw.charCodeAt(end);
      if ((c >= 0x30 && c <= 0x39) || c === 0x3b) end++;
      else break;
    }
    if (raw.charCodeAt(end) !== 0x6d) return null;
    out += raw.slice(from, i);
    from = end + 1;
    i = end;
  }
  return from === 0 ? raw : out + raw.slice(from);
}

// kiro-cli prints `ESC[38;5;141m> ESC[0m` before each assistant message, `ESC[m> ESC[0m` under NO_COLOR;
// resets may precede it.
const COLOURED_MARKER = /^(?:\u001b\[0?m)*\u001b\[(?:38;5;141)?m> /;

/** Whether a raw (unstripped) line begins with kiro-cli's coloured assistant-message marker. */
export function hasColouredMarker(raw: string): boolean {
  return COLOURED_MARKER.test(raw);
}
