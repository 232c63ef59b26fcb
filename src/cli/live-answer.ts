import type {TurnEvent} from '../lib/engine/turn.js';
import type {TurnProgress} from './progress.js';

/** The answer written to a terminal as it arrives, with tool activity and the indicator on stderr. */
export interface LiveAnswer {
  onEvent(event: TurnEvent): void;
  /** Whether any answer text reached stdout (the final message then needs no second printing). */
  readonly streamed: boolean;
  /** End the answer's last line, if the turn left it open. */
  finish(): void;
}

// The events that leave a line on stderr (the tool activity and the permission decisions).
const STDERR_LINES = new Set<TurnEvent['type']>(['tool_call', 'permission_decision']);

/**
 * Text mode on a terminal: each message chunk goes to stdout at once, messages apart by a blank line; tool
 * calls and permission decisions go to the progress on stderr. Both streams share the screen, so stdout's line
 * is ended before stderr writes, and the indicator is held while a line of the answer is open.
 */
export function liveAnswer(stdout: {write(text: string): unknown}, progress: TurnProgress): LiveAnswer {
  let streamed = false;
  let openLine = false;
  let lastIndex = -1;
  const endLine = (): void => {
    if (!openLine) return;
    stdout.write('\n');
    openLine = false;
  };
  return {
    get streamed() {
      return streamed;
    },
    onEvent(event) {
      if (event.type === 'message') {
        if (event.text === '') return;
        progress.hold(true);
        const apart = streamed && event.messageIndex !== lastIndex ? (openLine ? '\n\n' : '\n') : '';
        stdout.write(`${apart}${event.text}`);
        streamed = true;
        lastIndex = event.messageIndex;
        openLine = !event.text.endsWith('\n');
        if (!openLine) progress.hold(false);
      } else {
        if (STDERR_LINES.has(event.type) && openLine) {
          endLine();
          progress.hold(false);
        }
        progress.onEvent(event);
      }
    },
    finish: endLine,
  };
}
