import type {McpServer} from '@modelcontextprotocol/server';
import type {McpContext} from './context.js';
import type {Task} from './task.js';
import {taskCancelInput, taskCancelled, taskList, taskStatus, taskStatusInput} from './task-schemas.js';

/** A task as `kiro_task_status` shows it, output from `fromChunk` on. */
export function statusOf(task: Task, fromChunk: number) {
  return {
    taskId: task.id,
    state: task.state,
    startedAt: new Date(task.startedAt).toISOString(),
    elapsedMs: task.elapsedMs,
    tool: task.tool,
    ...task.page(fromChunk),
    result: task.result,
  };
}

/** A status in words: where the task is, and the new text. */
function statusText(status: ReturnType<typeof statusOf>): string {
  const head = `Task ${status.taskId}: ${status.state}, ${Math.round(status.elapsedMs / 1000)}s${
    status.tool ? `, using ${status.tool}` : ''
  }; chunks ${status.fromChunk}-${status.nextChunk} of ${status.totalChunks}.`;
  const tail = status.result ? `Outcome: ${status.result.outcome}: ${status.result.message}` : '';
  return [head, status.chunks.join(''), tail].filter(Boolean).join('\n\n');
}

/** `kiro_task_status`, `kiro_task_cancel` and `kiro_task_list`: following the tasks of `kiro_ask_async`. */
export function registerTaskTools(server: McpServer, context: McpContext): void {
  const {answers, tasks} = context;
  server.registerTool(
    'kiro_task_status',
    {
      title: 'Follow a Kiro task',
      description:
        "A task's state, elapsed time and tool in use, its answer text from chunk fromChunk on (continue from nextChunk), and the kiro-x result once it has finished.",
      inputSchema: taskStatusInput,
      outputSchema: taskStatus,
      annotations: {readOnlyHint: true},
    },
    answers.guard(async ({taskId, fromChunk}) => {
      const task = tasks.get(taskId);
      if (task === null) return answers.error(tasks.unknown(taskId));
      const status = statusOf(task, fromChunk ?? 0);
      return answers.data(status, statusText(status));
    }),
  );

  server.registerTool(
    'kiro_task_cancel',
    {
      title: 'Cancel a Kiro task',
      description: 'Stop a running task and wait until kiro-cli has ended; a finished task is left as it is.',
      inputSchema: taskCancelInput,
      outputSchema: taskCancelled,
      annotations: {destructiveHint: false, idempotentHint: true},
    },
    answers.guard(async ({taskId}) => {
      const task = tasks.get(taskId);
      if (task === null) return answers.error(tasks.unknown(taskId));
      const cancelled = task.state === 'running';
      if (cancelled) await task.cancel();
      const data = {taskId, state: task.state, cancelled};
      return answers.data(
        data,
        cancelled ? `Task ${taskId} cancelled.` : `Task ${taskId} had already ended: ${task.state}.`,
      );
    }),
  );

  server.registerTool(
    'kiro_task_list',
    {
      title: 'List Kiro tasks',
      description: 'Every task the server keeps, newest first: running ones and recently finished ones.',
      outputSchema: taskList,
      annotations: {readOnlyHint: true},
    },
    answers.guard(async () => {
      const list = tasks.list().map((task) => ({
        taskId: task.id,
        state: task.state,
        startedAt: new Date(task.startedAt).toISOString(),
        elapsedMs: task.elapsedMs,
        cwd: task.cwd,
        prompt: task.prompt,
        outcome: task.result?.outcome ?? null,
      }));
      const lines = list.map((t) => `${t.taskId} ${t.state} ${Math.round(t.elapsedMs / 1000)}s ${t.prompt}`);
      return answers.data({tasks: list}, lines.length > 0 ? lines.join('\n') : 'No tasks.');
    }),
  );
}
