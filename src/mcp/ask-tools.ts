import type {McpServer, ServerContext} from '@modelcontextprotocol/server';

import {askDocument, type AskResult} from '../lib/ask/result.js';
import {askInput, askResult, type AskInput} from './ask-schemas.js';
import type {McpContext} from './context.js';
import {grantTurn} from './grant.js';
import {progressBeat} from './progress.js';
import {Task} from './task.js';
import {taskStarted} from './task-schemas.js';

/** The readable side of a result: the answer when it completed, else the outcome and why. */
export function askText(result: AskResult): string {
  const facts = [
    result.outcome,
    ...(result.credits === null ? [] : [`${result.credits} credits`]),
    ...(result.sessionId === null ? [] : [`sessionId ${result.sessionId}`]),
  ].join(', ');
  if (result.ok) return `${result.text}\n\n[kiro-x: ${facts}]`;
  return [`kiro-x: ${facts}: ${result.message}`, result.text].filter(Boolean).join('\n\n');
}

/** `kiro_ask` (one turn, answered when it ends, with progress) and `kiro_ask_async` (a task to follow). */
export function registerAskTools(server: McpServer, context: McpContext): void {
  const {answers} = context;
  server.registerTool(
    'kiro_ask',
    {
      title: 'Ask Kiro',
      description:
        'Run one Kiro turn and answer with its result when it ends. Long turns send progress (elapsed time, tool in use) when the call carries a progress token; cancelling the call stops the turn. Clients that time out without progress should use kiro_ask_async.',
      inputSchema: askInput,
      outputSchema: askResult,
      annotations: {openWorldHint: true},
    },
    answers.guard(async (args: AskInput, ctx: ServerContext) => {
      const granted = await grantTurn(context, args);
      if (!granted.ok) return answers.refused(granted.refusal);
      const token = ctx.mcpReq._meta?.progressToken;
      const beat =
        token === undefined
          ? null
          : progressBeat(
              (progress, message) =>
                ctx.mcpReq.notify({
                  method: 'notifications/progress',
                  params: {progressToken: token, progress, message},
                }),
              context.config.progressIntervalMs,
            );
      try {
        const started = context.runner.start(granted.value, {
          signal: ctx.mcpReq.signal,
          onEvent: beat?.onEvent,
        });
        if (!started.ok) return answers.refused(started.refusal);
        const result = await started.value;
        return answers.data(askDocument(result), askText(result), !result.ok);
      } finally {
        beat?.stop();
      }
    }),
  );

  server.registerTool(
    'kiro_ask_async',
    {
      title: 'Start a Kiro task',
      description:
        'Start one Kiro turn in the background and answer at once with its taskId. Follow it with kiro_task_status (streamed text and, at the end, the result), stop it with kiro_task_cancel. For clients that cannot wait long on one call.',
      inputSchema: askInput,
      outputSchema: taskStarted,
      annotations: {openWorldHint: true},
    },
    answers.guard(async (args: AskInput) => {
      const granted = await grantTurn(context, args);
      if (!granted.ok) return answers.refused(granted.refusal);
      const task = new Task(args.prompt, granted.value.grant.cwd);
      const started = context.runner.start(granted.value, {signal: task.signal, onEvent: task.onEvent});
      if (!started.ok) return answers.refused(started.refusal);
      task.track(started.value);
      context.tasks.add(task);
      const data = {taskId: task.id, state: task.state};
      return answers.data(data, `Started task ${task.id}; follow it with kiro_task_status.`);
    }),
  );
}
