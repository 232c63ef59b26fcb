import * as z from 'zod';

import {OUTCOMES} from '../lib/outcomes.js';

// kiro-cli session ids: a UUID (V2) or sess_<UUID> (V3); nothing else may reach kiro-cli's argv.
const SESSION_ID = /^(?:sess_)?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A kiro-cli session id, checked before it can reach kiro-cli's argv or a path. */
export const sessionIdSchema = z.string().regex(SESSION_ID, 'a kiro session id: a UUID, or sess_<UUID>');

const names = (what: string) => z.array(z.string().min(1)).describe(what);

/** The arguments of `kiro_ask` and `kiro_ask_async`: one turn, bounded by the server's configuration. */
export const askInput = z.object({
  prompt: z.string().min(1).describe('What to ask Kiro.'),
  cwd: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Working directory of the turn (relative to the server's); must be inside a directory the server allows.",
    ),
  model: z
    .string()
    .min(1)
    .optional()
    .describe("Model id; default: the server's. The server may allow only some."),
  agent: z
    .string()
    .min(1)
    .optional()
    .describe("Kiro agent name; default: the server's. The server may allow only some."),
  sessionId: sessionIdSchema
    .optional()
    .describe('Continue this conversation: the sessionId of an earlier result.'),
  systemPrompt: z
    .string()
    .optional()
    .describe('System prompt of a temporary agent profile generated for the turn.'),
  tools: names('Tools the generated profile makes available; only fewer than the server gives.').optional(),
  trustTools: names(
    "Tools Kiro may run without asking: a subset of the server's trusted tools (narrowing only).",
  ).optional(),
  trustAllTools: z
    .boolean()
    .optional()
    .describe('Trust every tool; only when the server itself was started with --trust-all-tools.'),
});

/** The arguments `askInput` parses into. */
export type AskInput = z.infer<typeof askInput>;

const toolCall = z.looseObject({
  tool: z.string(),
  title: z.string(),
  durationMs: z.number().optional(),
});

/**
 * The kiro-x result of one turn, as `kiro-x ask --json` prints it (schema/ask-result.schema.json); fields
 * added later pass through.
 */
export const askResult = z.looseObject({
  schemaVersion: z.literal(1),
  ok: z.boolean().describe('True only when the outcome is completed.'),
  outcome: z.enum(OUTCOMES),
  message: z.string().describe('What happened, in one sentence.'),
  text: z.string().describe("Kiro's final answer."),
  messages: z.array(z.string()),
  transcript: z.string().nullable(),
  toolCalls: z.array(toolCall),
  deniedTools: z.array(z.string()),
  credits: z.number().nullable(),
  kiroTimeMs: z.number().nullable(),
  durationMs: z.number(),
  exitCode: z.number().nullable(),
  signal: z.string().nullable(),
  sessionId: z
    .string()
    .nullable()
    .describe('The conversation the turn went to: pass it as sessionId to continue.'),
  resumed: z.boolean().nullable(),
  model: z.string().nullable(),
  agent: z.string().nullable(),
  warnings: z.array(z.string()),
  stderrTail: z.string(),
  command: z.array(z.string()),
  permissions: z
    .array(
      z.object({
        tool: z.string(),
        title: z.string(),
        kind: z.string().nullable(),
        decision: z.enum(['allow', 'deny', 'cancelled']),
        by: z.enum(['trust-all', 'trust-tools', 'policy', 'user', 'cancel']),
      }),
    )
    .describe('Every permission request of the turn and what kiro-x answered (ACP engine; empty headless).'),
  profilePath: z.string().optional(),
});
