/* eslint-disable no-control-regex -- matching terminal control characters is what this file is for */
import stripAnsi from 'strip-ansi';

// C0 controls other than tab, plus DEL: left over after strip-ansi (a lone ESC, BEL, backspace, CR).
const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
// A CSI cut off by the end of the stream (`ESC[38;5`) never matches strip-ansi's pattern.
const TRUNCATED_CSI = /\u001b\[[\u0030-\u003f]*[\u0020-\u002f]*$/;

/** One line of kiro-cli output as a person would read it: CSI/OSC sequences and stray control characters removed. */
export function cleanLine(raw: string): string {
  return stripAnsi(raw.replace(TRUNCATED_CSI, '')).replace(CONTROL_CHARS, '');
}

// kiro-cli prints `ESC[38;5;141m> ESC[0m` before each assistant message, `ESC[m> ESC[0m` under NO_COLOR;
// resets may precede it.
const COLOURED_MARKER = /^(?:\u001b\[0?m)*\u001b\[(?:38;5;141)?m> /;

/** Whether a raw (unstripped) line begins with kiro-cli's coloured assistant-message marker. */
export function hasColouredMarker(raw: string): boolean {
  return COLOURED_MARKER.test(raw);
}
