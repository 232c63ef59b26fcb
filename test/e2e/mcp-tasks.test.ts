import {afterAll, afterEach, describe, expect, it} from 'vitest';

import {alive, makeWorld, removeWorlds} from './harness.js';
import {closeAll, simTurnPid, startMcp, structured, textOf, type McpSession} from './mcp-client.js';

afterEach(closeAll);
afterAll(removeWorlds);

/** One tool call's structured answer. */
async function call(session: McpSession, name: string, args: Record<string, unknown> = {}) {
  const result = await session.client.callTool({name, arguments: args});
  return {result, doc: structured(result)};
}

/** Polls kiro_task_status until the task has left `running`. */
async function finished(session: McpSession, taskId: string): Promise<Record<string, unknown>> {
  for (let polls = 0; polls < 150; polls++) {
    const {doc} = await call(session, 'kiro_task_status', {taskId});
    if (doc.state !== 'running') return doc;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`task ${taskId} still running after 15 s`);
}

describe('kiro-x mcp: async tasks', () => {
  it('start, status while running, output chunks, result, list', async () => {
    const session = await startMcp(makeWorld());
    const started = await call(session, 'kiro_ask_async', {prompt: 'Summarise [[sim:sleep=800]]'});
    expect(started.doc).toEqual({taskId: expect.any(String), state: 'running'});
    const taskId = started.doc.taskId as string;
    expect(textOf(started.result)).toBe(`Started task ${taskId}; follow it with kiro_task_status.`);

    const running = (await call(session, 'kiro_task_status', {taskId})).doc;
    expect(running).toMatchObject({taskId, state: 'running', result: null, chunks: [], nextChunk: 0});
    const listed = (await call(session, 'kiro_task_list')).doc.tasks as Array<Record<string, unknown>>;
    expect(listed).toEqual([
      expect.objectContaining({
        taskId,
        state: 'running',
        prompt: 'Summarise [[sim:sleep=800]]',
        outcome: null,
      }),
    ]);

    const done = await finished(session, taskId);
    expect(done).toMatchObject({state: 'completed', tool: null, fromChunk: 0});
    const result = done.result as Record<string, unknown>;
    expect([result.outcome, result.text]).toEqual(['completed', 'You said: Summarise [[sim:sleep=800]]']);
    expect((done.chunks as string[]).join('').trimEnd()).toBe(result.text);
    const rest = (await call(session, 'kiro_task_status', {taskId, fromChunk: done.nextChunk})).doc;
    expect([rest.chunks, rest.nextChunk]).toEqual([[], done.nextChunk]);

    const again = await call(session, 'kiro_task_cancel', {taskId});
    expect(again.doc).toEqual({taskId, state: 'completed', cancelled: false});
    const after = (await call(session, 'kiro_task_list')).doc.tasks as Array<Record<string, unknown>>;
    expect(after[0]).toMatchObject({taskId, state: 'completed', outcome: 'completed'});
  });

  it('kiro_task_cancel stops the turn and leaves no kiro-cli behind', async () => {
    const world = makeWorld();
    const session = await startMcp(world);
    const taskId = (await call(session, 'kiro_ask_async', {prompt: '[[sim:hang]]'})).doc.taskId as string;
    const pid = await simTurnPid(world);
    const cancelled = await call(session, 'kiro_task_cancel', {taskId});
    expect(cancelled.doc).toEqual({taskId, state: 'cancelled', cancelled: true});
    expect(alive(pid)).toBe(false);
    const status = (await call(session, 'kiro_task_status', {taskId})).doc;
    expect(status.result).toMatchObject({
      outcome: 'cancelled',
      message: 'The MCP client cancelled the call, and kiro-cli was stopped.',
    });
  });

  it('an unknown task is a tool error that names the retention limits', async () => {
    const session = await startMcp(makeWorld(), ['--task-retention', '10m', '--max-tasks', '5']);
    const {result} = await call(session, 'kiro_task_status', {taskId: 'nope'});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      'No task nope: it never existed, or it finished more than 10m ago (--task-retention) or beyond the 5 finished tasks kept (--max-tasks).',
    );
  });

  it('--max-tasks bounds the finished tasks kept', async () => {
    const session = await startMcp(makeWorld(), ['--max-tasks', '1']);
    const first = (await call(session, 'kiro_ask_async', {prompt: 'one'})).doc.taskId as string;
    await finished(session, first);
    const second = (await call(session, 'kiro_ask_async', {prompt: 'two'})).doc.taskId as string;
    await finished(session, second);
    const tasks = (await call(session, 'kiro_task_list')).doc.tasks as Array<Record<string, unknown>>;
    expect(tasks.map((task) => task.taskId)).toEqual([second]);
  });

  it('--max-concurrent refuses a turn over the limit, sync or async, until one ends', async () => {
    const world = makeWorld();
    const session = await startMcp(world, ['--max-concurrent', '1']);
    const taskId = (await call(session, 'kiro_ask_async', {prompt: '[[sim:hang]]'})).doc.taskId as string;
    await simTurnPid(world);
    for (const tool of ['kiro_ask', 'kiro_ask_async']) {
      const {result} = await call(session, tool, {prompt: 'hi'});
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(
        /^Refused by --max-concurrent: 1 turn already running, the most this server runs at once\./,
      );
    }
    await call(session, 'kiro_task_cancel', {taskId});
    expect((await call(session, 'kiro_ask', {prompt: 'hi'})).doc.outcome).toBe('completed');
  });
});
