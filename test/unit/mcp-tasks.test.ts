import {describe, expect, it} from 'vitest';

import {emptyResult} from '../../src/lib/ask/empty-result.js';
import type {AskResult} from '../../src/lib/ask/result.js';
import {progressMessage} from '../../src/mcp/progress.js';
import {Task} from '../../src/mcp/task.js';
import {TaskRegistry} from '../../src/mcp/task-registry.js';

const completed = (text: string): AskResult => ({...emptyResult('completed', 'done'), ok: true, text});

/** A clock the test moves by hand. */
function clock(start = 1_000_000) {
  let now = start;
  return {now: () => now, advance: (ms: number) => void (now += ms)};
}

/** A task whose turn the test settles. */
function pending(time = clock()) {
  let settle: (result: AskResult) => void = () => {};
  const task = new Task('a prompt', '/srv/app', time.now);
  task.track(new Promise<AskResult>((resolve) => (settle = resolve)));
  return {task, settle: async (result: AskResult) => settle(result), time};
}

describe('Task', () => {
  it('streams message chunks with their indexes and the tool in use', () => {
    const {task} = pending();
    task.onEvent({type: 'message', text: 'Hel', messageIndex: 0, elapsedMs: 1});
    task.onEvent({
      type: 'tool_call',
      id: 'tool-1',
      tool: 'shell',
      title: 'ls',
      kind: null,
      status: 'in_progress',
      elapsedMs: 2,
    });
    task.onEvent({type: 'message', text: 'lo', messageIndex: 0, elapsedMs: 3});
    expect([task.state, task.tool]).toEqual(['running', 'shell: ls']);
    expect(task.page(0)).toEqual({fromChunk: 0, nextChunk: 2, totalChunks: 2, chunks: ['Hel', 'lo']});
    expect(task.page(1)).toEqual({fromChunk: 1, nextChunk: 2, totalChunks: 2, chunks: ['lo']});
    expect(task.page(9)).toEqual({fromChunk: 2, nextChunk: 2, totalChunks: 2, chunks: []});
  });

  it('gives the answer as chunks when the engine streamed none, and says how it ended', async () => {
    const {task, settle, time} = pending();
    time.advance(1500);
    await settle(completed('the answer'));
    await task.cancel();
    expect([task.state, task.elapsedMs, task.tool]).toEqual(['completed', 1500, null]);
    expect(task.page(0).chunks).toEqual(['the answer']);
  });

  it('cuts long text into bounded chunks and pages through them without splitting a character', async () => {
    const {task, settle} = pending();
    const text = `${'a'.repeat(16_383)}😀${'b'.repeat(100_000)}`;
    await settle(completed(text));
    await task.cancel();
    const first = task.page(0);
    expect(first.chunks[0]).toBe('a'.repeat(16_383));
    expect(first.chunks.join('').length).toBeLessThanOrEqual(65_536);
    let joined = '';
    for (let from = 0; from < first.totalChunks;) {
      const page = task.page(from);
      joined += page.chunks.join('');
      from = page.nextChunk;
    }
    expect(joined).toBe(text);
  });

  it.each([
    ['cancelled', 'cancelled'],
    ['timed_out', 'failed'],
    ['auth_failed', 'failed'],
  ] as const)('a %s outcome is state %s', async (outcome, state) => {
    const {task, settle} = pending();
    await settle(emptyResult(outcome, 'x'));
    await task.cancel();
    expect(task.state).toBe(state);
  });

  it('cancel aborts the signal the turn runs with', async () => {
    const task = new Task('p', '/srv');
    task.track(
      new Promise((resolve) =>
        task.signal.addEventListener('abort', () =>
          resolve(emptyResult('cancelled', String(task.signal.reason))),
        ),
      ),
    );
    await task.cancel();
    expect([task.state, task.result?.message]).toEqual(['cancelled', 'SIGTERM']);
  });

  it('a turn that throws is a failed task with the reason', async () => {
    const task = new Task('p', '/srv');
    task.track(Promise.reject(new Error('boom')));
    await task.cancel();
    expect([task.state, task.result?.message]).toEqual(['failed', 'kiro-x failed: boom']);
  });
});

describe('TaskRegistry', () => {
  it('keeps finished tasks for the retention time', async () => {
    const time = clock();
    const registry = new TaskRegistry({retentionMs: 60_000, maxTasks: 10}, time.now);
    const {task, settle} = pending(time);
    registry.add(task);
    await settle(completed('x'));
    await task.cancel();
    time.advance(59_999);
    expect(registry.get(task.id)).toBe(task);
    time.advance(1);
    expect(registry.get(task.id)).toBeNull();
  });

  it('keeps at most maxTasks finished tasks, dropping the oldest finished; running ones stay', async () => {
    const time = clock();
    const registry = new TaskRegistry({retentionMs: 60_000, maxTasks: 2}, time.now);
    const running = pending(time);
    registry.add(running.task);
    const done = [];
    for (let i = 0; i < 3; i++) {
      const next = pending(time);
      registry.add(next.task);
      await next.settle(completed(String(i)));
      await next.task.cancel();
      time.advance(10);
      done.push(next.task);
    }
    expect(registry.list().map((task) => task.id)).toEqual([done[2]?.id, done[1]?.id, running.task.id]);
    expect(registry.running()).toEqual([running.task]);
  });

  it('says why an id is unknown, naming both limits', () => {
    const registry = new TaskRegistry({retentionMs: 3_600_000, maxTasks: 100});
    expect(registry.unknown('t1')).toBe(
      'No task t1: it never existed, or it finished more than 1h ago (--task-retention) or beyond the 100 finished tasks kept (--max-tasks).',
    );
  });
});

describe('progressMessage', () => {
  it('says the elapsed time and the tool in use, in at most 200 characters', () => {
    expect(progressMessage(65_000, null)).toBe('kiro-cli working, 1m 5s elapsed');
    expect(progressMessage(1000, 'shell: ls')).toBe('kiro-cli working, 1s elapsed; tool in use: shell: ls');
    const long = progressMessage(0, `shell: ${'x'.repeat(300)}`);
    expect([long.length, long.endsWith('…')]).toEqual([200, true]);
  });
});
