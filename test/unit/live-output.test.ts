import {describe, expect, it} from 'vitest';
import {liveOutput} from '../../src/cli/live-output.js';
import type {TurnEvent} from '../../src/lib/engine/events.js';

/** stdout and stderr as given, every write in order, tagged with its stream. */
function streams(tty: boolean) {
  const screen: string[] = [];
  const stdout = {isTTY: tty, write: (text: string) => screen.push(`out:${text}`)};
  const stderr = {
    isTTY: tty,
    write: (text: string) => screen.push(`err:${text}`),
  } as unknown as NodeJS.WriteStream;
  return {screen, io: {stdout: stdout as unknown as NodeJS.WritableStream, stderr, env: {NO_COLOR: '1'}}};
}

const at = {elapsedMs: 0};
const request = (id: string, title: string): TurnEvent => ({
  type: 'permission_request',
  id,
  tool: 'shell',
  title,
  kind: 'execute',
  options: ['allow_once', 'reject_once'],
  ...at,
});
const decision = (id: string, decision: 'allow' | 'deny' | 'cancelled', by: string): TurnEvent =>
  ({type: 'permission_decision', id, tool: 'shell', decision, by, ...at}) as TurnEvent;
const chunk = (text: string): TurnEvent => ({type: 'message', text, messageIndex: 0, ...at});
const CLEAR = '\r\u001B[2K';
const withoutSpinner = (screen: string[]): string[] =>
  screen.filter(
    (entry) => !(entry.startsWith(`err:${CLEAR}`) && /^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] /.test(entry.slice(4 + CLEAR.length))),
  );

describe('liveOutput in text mode', () => {
  it('in pipes: each permission decision of an ACP turn is a plain line on stderr, the answer waits', async () => {
    const {screen, io} = streams(false);
    const live = liveOutput('text', io, 'acp');
    for (const event of [
      request('t1', 'ls -la'),
      decision('t1', 'allow', 'trust-tools'),
      chunk('Hello'),
      request('t2', 'Creating: foo.txt'),
      decision('t2', 'deny', 'policy'),
      request('t3', ''),
      decision('t3', 'cancelled', 'cancel'),
    ]) {
      live.onEvent?.(event);
    }
    await live.stop();
    expect(live.answerStreamed).toBe(false);
    expect(screen).toEqual([
      'err:✔ allowed shell (ls -la) — trust-tools\n',
      'err:✖ denied shell (Creating: foo.txt) — policy\n',
      'err:- cancelled shell — cancel\n',
    ]);
  });

  it('in pipes: a headless turn gets no listener (its engine then skips the per-line events)', () => {
    expect(liveOutput('text', streams(false).io, 'headless').onEvent).toBeUndefined();
    expect(liveOutput('json', streams(false).io, 'acp').onEvent).toBeUndefined();
  });

  it('on a terminal: a decision ends the answer line first, and one made during a question starts below it', async () => {
    const {screen, io} = streams(true);
    const live = liveOutput('text', io, 'acp');
    live.onEvent?.(chunk('Let me check'));
    live.onEvent?.(request('t1', 'ls'));
    live.onEvent?.(decision('t1', 'deny', 'policy'));
    live.onEvent?.(chunk('Done.\n'));
    live.pause(true);
    io.stderr.write('? question ');
    live.onEvent?.(request('t2', 'pwd'));
    live.onEvent?.(decision('t2', 'cancelled', 'cancel'));
    live.pause(false);
    await live.stop();
    expect(live.answerStreamed).toBe(true);
    expect(withoutSpinner(screen)).toEqual([
      `err:${CLEAR}`,
      'out:Let me check',
      'out:\n',
      `err:${CLEAR}✖ denied shell (ls) — policy\n`,
      `err:${CLEAR}`,
      'out:Done.\n',
      `err:${CLEAR}`,
      'err:? question ',
      'err:\n',
      `err:${CLEAR}- cancelled shell (pwd) — cancel\n`,
      `err:${CLEAR}`,
    ]);
  });
});
