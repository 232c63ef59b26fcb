import * as z from 'zod';

import {sessionIdSchema} from './ask-schemas.js';

const cwd = z
  .string()
  .min(1)
  .optional()
  .describe("Directory whose sessions to read (relative to the server's); must be one the server allows.");

/** `kiro_sessions_list`'s arguments. */
export const sessionsListInput = z.object({
  cwd,
  limit: z.int().min(1).max(200).optional().describe('Most sessions listed, newest first (default 20).'),
});

/** `kiro_sessions_list`'s answer: `kiro-x sessions list --json` (schema/sessions-list.schema.json), bounded. */
export const sessionsList = z.looseObject({
  schemaVersion: z.literal(1),
  source: z.enum(['store', 'json', 'plain']),
  cwd: z.string().nullable(),
  sessions: z.array(
    z.looseObject({
      id: z.string().describe('Pass it as sessionId to kiro_ask to continue, or to kiro_session_show.'),
      title: z.string(),
      messages: z.number().nullable(),
      updatedAt: z.string().nullable(),
    }),
  ),
  total: z.int().describe('Sessions of the directory, listed or not.'),
});

/** `kiro_session_show`'s arguments. */
export const sessionShowInput = z.object({
  sessionId: sessionIdSchema.describe(
    'The session to show: a sessionId from kiro_sessions_list or kiro_ask.',
  ),
  maxEntries: z
    .int()
    .min(1)
    .max(1000)
    .optional()
    .describe('Most conversation entries shown, the newest (default 40).'),
  maxChars: z
    .int()
    .min(1000)
    .max(1_000_000)
    .optional()
    .describe('Most characters of entries shown (default 40000).'),
});

/** `kiro_session_show`'s answer: `kiro-x sessions show --json` (schema/sessions-show.schema.json), bounded. */
export const sessionShow = z.looseObject({
  schemaVersion: z.literal(1),
  id: z.string(),
  title: z.string(),
  cwd: z.string().nullable(),
  messages: z.number().nullable(),
  entries: z
    .array(z.looseObject({kind: z.string()}))
    .describe(
      'The newest entries, oldest first: prompt, answer, tool, thinking, cleared, compaction, reset.',
    ),
  omittedEntries: z.int().describe('Older entries left out by maxEntries or maxChars.'),
  truncated: z.boolean().describe('The one entry shown was cut to maxChars.'),
});

/** `kiro_doctor`'s arguments. */
export const doctorInput = z.object({cwd});

/** `kiro_doctor`'s answer: `kiro-x doctor --json` (schema/doctor-result.schema.json). */
export const doctorResult = z.looseObject({
  schemaVersion: z.literal(1),
  ok: z.boolean().describe('No check failed.'),
  summary: z.looseObject({pass: z.int(), warn: z.int(), fail: z.int(), skip: z.int()}),
  checks: z.array(
    z.looseObject({
      id: z.string(),
      title: z.string(),
      status: z.enum(['pass', 'warn', 'fail', 'skip']),
      message: z.string(),
      fix: z.string().nullable(),
    }),
  ),
});
