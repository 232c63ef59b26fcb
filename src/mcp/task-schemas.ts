import * as z from 'zod';

import {askResult} from './ask-schemas.js';
import {TASK_STATES} from './task.js';

const taskId = z.string().min(1).describe('The taskId kiro_ask_async returned.');
const state = z.enum(TASK_STATES).describe('running, or how the task ended.');

/** `kiro_ask_async`'s answer: the task to follow with kiro_task_status. */
export const taskStarted = z.object({taskId: z.string(), state});

/** `kiro_task_status`'s arguments. */
export const taskStatusInput = z.object({
  taskId,
  fromChunk: z
    .int()
    .min(0)
    .optional()
    .describe('First output chunk wanted: 0 (the default) or the nextChunk of the previous answer.'),
});

/** `kiro_task_status`'s answer: the state, the output since `fromChunk`, the result once finished. */
export const taskStatus = z.object({
  taskId: z.string(),
  state,
  startedAt: z.string().describe('ISO time the task started.'),
  elapsedMs: z.number(),
  tool: z.string().nullable().describe('The tool Kiro is using now, while running.'),
  fromChunk: z.int(),
  nextChunk: z.int().describe('Pass it as fromChunk to get the output that follows.'),
  totalChunks: z.int(),
  chunks: z
    .array(z.string())
    .describe("Kiro's answer text so far, from fromChunk on; joined they give the text."),
  result: askResult.nullable().describe('The kiro-x result, once the task has finished.'),
});

/** `kiro_task_cancel`'s arguments. */
export const taskCancelInput = z.object({taskId});

/** `kiro_task_cancel`'s answer: the state after the cancel; `cancelled` is false when it had already ended. */
export const taskCancelled = z.object({taskId: z.string(), state, cancelled: z.boolean()});

/** `kiro_task_list`'s answer: every task kept, newest first. */
export const taskList = z.object({
  tasks: z.array(
    z.object({
      taskId: z.string(),
      state,
      startedAt: z.string(),
      elapsedMs: z.number(),
      cwd: z.string(),
      prompt: z.string().describe('The prompt, shortened.'),
      outcome: z.string().nullable(),
    }),
  ),
});
