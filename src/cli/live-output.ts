import type {OutputFormat} from '../lib/config/kinds.js';
import type {EngineName, TurnEvent} from '../lib/engine/turn.js';
import {EventLineWriter} from '../lib/output/stream-json.js';
import {paint} from '../lib/output/terminal.js';
import {liveAnswer} from './live-answer.js';
import {PermissionLines} from './permission-lines.js';
import {turnProgress, type TurnProgress} from './progress.js';

/** What `ask` shows while its turn runs, by output format and terminal. */
export interface LiveOutput {
  /** The turn's event listener; undefined when nothing is shown (the engine then reports less). */
  onEvent: ((event: TurnEvent) => void) | undefined;
  /** Whether the answer already reached stdout. */
  readonly answerStreamed: boolean;
  /**
   * Clears the terminal for a question on stderr (the answer's open line ended, the indicator held), and gives
   * it back afterwards.
   */
  pause(paused: boolean): void;
  /** The turn is over: flush what is pending and leave the terminal clean. */
  stop(): Promise<void>;
}

/** Where live output goes, and the environment that decides colour. */
export interface LiveStreams {
  stdout: NodeJS.WritableStream & {isTTY?: boolean};
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

const QUIET: LiveOutput = {
  onEvent: undefined,
  answerStreamed: false,
  pause() {},
  stop: () => Promise.resolve(),
};

/**
 * `stream-json`: every event as a line on stdout. Text: on a terminal stdout the answer as it arrives; on a
 * terminal stderr tool activity and an elapsed-time indicator; on stderr whatever it is, the permission
 * decisions (only the ACP engine makes any); in pipes the answer is printed at the end. JSON and JUnit show
 * nothing until the document.
 */
export function liveOutput(format: OutputFormat, streams: LiveStreams, engine: EngineName): LiveOutput {
  const {stdout, stderr} = streams;
  if (format === 'stream-json') {
    const lines = new EventLineWriter(stdout);
    return {...QUIET, onEvent: (event) => lines.write(event), stop: () => lines.flush()};
  }
  if (format !== 'text') return QUIET;
  const permissions = new PermissionLines(paint(stderr, streams.env));
  const indicator = turnProgress(stderr, 'kiro-cli');
  // A question on stderr waits for its answer: a decision made meanwhile (the turn was cancelled) starts below.
  let questionOpen = false;
  const progress: TurnProgress = {
    ...indicator,
    onEvent(event) {
      const line = permissions.lineFor(event);
      if (line === null) return indicator.onEvent(event);
      if (questionOpen) stderr.write('\n');
      questionOpen = false;
      indicator.note(line);
    },
  };
  const answer = stdout.isTTY === true ? liveAnswer(stdout, progress) : null;
  // In pipes a headless turn shows nothing live: without a listener its engine skips the per-line events.
  const listens = answer !== null || indicator.active || engine === 'acp';
  return {
    onEvent: answer ? answer.onEvent : listens ? progress.onEvent : undefined,
    get answerStreamed() {
      return answer?.streamed ?? false;
    },
    pause(paused) {
      if (paused) answer?.finish();
      questionOpen = paused;
      indicator.hold(paused);
    },
    stop() {
      answer?.finish();
      indicator.stop();
      return Promise.resolve();
    },
  };
}
