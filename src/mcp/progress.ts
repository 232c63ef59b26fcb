import {formatElapsed} from '../lib/duration.js';
import type {TurnEvent} from '../lib/engine/turn.js';

/** Sends one progress notification; `progress` grows with every call. */
export type SendProgress = (progress: number, message: string) => Promise<void>;

/** The progress of one `kiro_ask` call: a beat every interval, and one more whenever a tool starts. */
export interface ProgressBeat {
  onEvent(event: TurnEvent): void;
  stop(): void;
}

/** Clients show the message on one line (Claude Code); longer ones are cut. */
const MAX_MESSAGE_CHARS = 200;

/** The line a client shows: how long the turn has run and the tool in use, if any. */
export function progressMessage(elapsedMs: number, tool: string | null): string {
  const line = `kiro-cli working, ${formatElapsed(elapsedMs)} elapsed${tool ? `; tool in use: ${tool}` : ''}`;
  return line.length <= MAX_MESSAGE_CHARS ? line : `${line.slice(0, MAX_MESSAGE_CHARS - 1)}…`;
}

/**
 * Beats at least every `intervalMs` so a client that resets its request timeout on progress never times out,
 * however long the turn. A failed send (the client went away) is ignored: the turn's own signal ends it.
 */
export function progressBeat(send: SendProgress, intervalMs: number, now = Date.now): ProgressBeat {
  const started = now();
  let progress = 0;
  let tool: string | null = null;
  const beat = (): void => {
    send(++progress, progressMessage(now() - started, tool)).catch(() => {});
  };
  const timer = setInterval(beat, intervalMs);
  timer.unref();
  return {
    onEvent(event) {
      if (event.type !== 'tool_call') return;
      tool = event.title ? `${event.tool}: ${event.title}` : event.tool;
      beat();
    },
    stop() {
      clearInterval(timer);
    },
  };
}
