import {describe, expect, it} from 'vitest';
import {liveAnswer} from '../../src/cli/live-answer.js';
import {turnProgress} from '../../src/cli/progress.js';
import type {TurnEvent} from '../../src/lib/engine/events.js';

/** stdout and stderr of one terminal: every write in order, tagged with its stream. */
function terminal() {
  const screen: string[] = [];
  const stdout = {isTTY: true, write: (text: string) => screen.push(`out:${text}`)};
  const stderr = {
    isTTY: true,
    write: (text: string) => screen.push(`err:${text}`),
  } as unknown as NodeJS.WriteStream;
  return {screen, stdout, stderr};
}

const message = (text: string, messageIndex: number): TurnEvent => ({
  type: 'message',
  text,
  messageIndex,
  elapsedMs: 0,
});
const tool: TurnEvent = {
  type: 'tool_call',
  id: 'tool-1',
  tool: 'read',
  title: 'Reading a.txt',
  kind: null,
  status: 'in_progress',
  elapsedMs: 0,
};
// The indicator's frames, which depend on the clock.
const CLEAR = '\r\u001B[2K';
const isSpinner = (entry: string): boolean =>
  entry.startsWith(`err:${CLEAR}`) && /^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] kiro-cli \S+$/.test(entry.slice(4 + CLEAR.length));

describe('liveAnswer', () => {
  it('streams chunks as they come, ends an open line before stderr writes, and keeps messages apart', () => {
    const {screen, stdout, stderr} = terminal();
    const progress = turnProgress(stderr, 'kiro-cli');
    const answer = liveAnswer(stdout, progress);
    for (const event of [
      message('Let me ', 0),
      message('look.', 0),
      tool,
      message('Done', 1),
      message('.\n', 1),
    ]) {
      answer.onEvent(event);
    }
    answer.finish();
    progress.stop();
    expect(answer.streamed).toBe(true);
    const shown = screen.map((entry) => (isSpinner(entry) ? 'spinner' : entry));
    expect(shown).toEqual([
      'spinner',
      'err:\r\u001B[2K', // the indicator leaves the line to the answer
      'out:Let me ',
      'out:look.',
      'out:\n', // the answer's line ends before the tool line is written
      'spinner',
      'err:\r\u001B[2K  ↳ read: Reading a.txt\n',
      'spinner',
      'err:\r\u001B[2K',
      'out:\nDone', // a blank line between messages
      'out:.\n',
      'spinner', // back below the finished line
      'err:\r\u001B[2K',
    ]);
    expect(
      screen
        .filter((entry) => entry.startsWith('out:'))
        .map((entry) => entry.slice(4))
        .join(''),
    ).toBe('Let me look.\n\nDone.\n');
  });

  it('says nothing was streamed when no message came (the final answer is then printed as in pipes)', () => {
    const {screen, stdout, stderr} = terminal();
    const answer = liveAnswer(stdout, turnProgress(stderr, 'kiro-cli'));
    answer.onEvent({type: 'warning', message: 'x', elapsedMs: 0});
    answer.finish();
    expect(answer.streamed).toBe(false);
    expect(screen.filter((entry) => entry.startsWith('out:'))).toEqual([]);
  });
});
