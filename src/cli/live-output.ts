import type {OutputFormat} from '../lib/config/kinds.js';
import type {TurnEvent} from '../lib/engine/turn.js';
import {EventLineWriter} from '../lib/output/stream-json.js';
import {turnProgress} from './progress.js';

/** What `ask` shows while its turn runs, by output format and terminal. */
export interface LiveOutput {
  /** The turn's event listener; undefined when nothing is shown (the engine then reports less). */
  onEvent: ((event: TurnEvent) => void) | undefined;
  /** The turn is over: flush what is pending and leave the terminal clean. */
  stop(): Promise<void>;
}

/** Where live output goes. */
export interface LiveStreams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
}

/**
 * `stream-json`: every event as a line on stdout. Text: on a terminal stderr tool activity and an elapsed-time
 * indicator; the answer is printed at the end. JSON and JUnit show nothing until the document.
 */
export function liveOutput(format: OutputFormat, {stdout, stderr}: LiveStreams): LiveOutput {
  if (format === 'stream-json') {
    const lines = new EventLineWriter(stdout);
    return {onEvent: (event) => lines.write(event), stop: () => lines.flush()};
  }
  if (format !== 'text') return {onEvent: undefined, stop: () => Promise.resolve()};
  const progress = turnProgress(stderr, 'kiro-cli');
  return {
    onEvent: progress.active ? progress.onEvent : undefined,
    stop() {
      progress.stop();
      return Promise.resolve();
    },
  };
}
