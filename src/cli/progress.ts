import {formatElapsed} from '../lib/duration.js';
import type {TurnEvent} from '../lib/engine/turn.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const CLEAR_LINE = '\r\u001B[2K';

/** Live progress of one turn on a TTY stderr: tool activity lines and an elapsed-time indicator. */
export interface TurnProgress {
  /** Whether anything is shown (stderr is a terminal). */
  readonly active: boolean;
  onEvent(event: TurnEvent): void;
  /**
   * Clear the indicator and keep it away while the answer streams onto the same terminal mid-line; `false`
   * brings it back (on the line below the text).
   */
  hold(held: boolean): void;
  /** A line that stays (a permission decision): above the indicator on a TTY, a plain line elsewhere. */
  note(line: string): void;
  stop(): void;
}

/**
 * Progress only where a person watches (stderr is a TTY); in CI and pipes it prints nothing but its notes.
 */
export function turnProgress(stream: NodeJS.WriteStream, label: string): TurnProgress {
  if (!stream.isTTY) {
    return {
      active: false,
      onEvent() {},
      hold() {},
      note: (line) => void stream.write(`${line}\n`),
      stop() {},
    };
  }
  const started = Date.now();
  let frame = 0;
  let held = false;
  const draw = (): void => {
    if (held) return;
    const elapsed = formatElapsed(Date.now() - started);
    stream.write(`${CLEAR_LINE}${FRAMES[frame++ % FRAMES.length]} ${label} ${elapsed}`);
  };
  const timer = setInterval(draw, 100);
  timer.unref();
  draw();
  return {
    active: true,
    onEvent(event) {
      if (event.type !== 'tool_call') return;
      stream.write(`${CLEAR_LINE}  ↳ ${event.tool}: ${event.title}\n`);
      draw();
    },
    note(line) {
      stream.write(`${CLEAR_LINE}${line}\n`);
      draw();
    },
    hold(on) {
      if (on && !held) stream.write(CLEAR_LINE);
      held = on;
      draw();
    },
    stop() {
      clearInterval(timer);
      stream.write(CLEAR_LINE);
    },
  };
}
