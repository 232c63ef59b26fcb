import {formatElapsed} from '../lib/duration.js';
import type {TurnEvent} from '../lib/engine/turn.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Live progress of one turn on a TTY stderr: tool activity lines and an elapsed-time indicator. */
export interface TurnProgress {
  onEvent(event: TurnEvent): void;
  stop(): void;
}

/** Progress only where a person watches (stderr is a TTY); in CI and pipes it prints nothing. */
export function turnProgress(stream: NodeJS.WriteStream, label: string): TurnProgress {
  if (!stream.isTTY) return {onEvent() {}, stop() {}};
  const started = Date.now();
  let frame = 0;
  const draw = (): void => {
    const elapsed = formatElapsed(Date.now() - started);
    stream.write(`\r\u001B[2K${FRAMES[frame++ % FRAMES.length]} ${label} ${elapsed}`);
  };
  const timer = setInterval(draw, 100);
  timer.unref();
  draw();
  return {
    onEvent(event) {
      if (event.type !== 'tool') return;
      stream.write(`\r\u001B[2K  ↳ ${event.call.tool}: ${event.call.title}\n`);
      draw();
    },
    stop() {
      clearInterval(timer);
      stream.write('\r\u001B[2K');
    },
  };
}
