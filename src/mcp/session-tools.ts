import type {McpServer, ServerContext} from '@modelcontextprotocol/server';

import {renderDoctorText} from '../lib/doctor/render-text.js';
import {paint} from '../lib/output/terminal.js';
import {renderSessionShow, renderSessionsList} from '../lib/sessions/render-text.js';
import {boundEntries} from './bound-entries.js';
import {realDirectory} from './config.js';
import type {McpContext} from './context.js';
import {doctorFor, sessionById, sessionsOf} from './inspect-calls.js';
import {checkCwd, isInside, refuse} from './policy.js';
import {
  doctorInput,
  doctorResult,
  sessionShow,
  sessionShowInput,
  sessionsList,
  sessionsListInput,
} from './session-schemas.js';

const DEFAULT_LIMIT = 20;
const DEFAULT_MAX_ENTRIES = 40;
const DEFAULT_MAX_CHARS = 40_000;
// Texts for a client's model, never a terminal: ISO times, no colour.
const PLAIN_TIMES = {relative: false};
const PLAIN = paint({isTTY: false}, {});

/** `kiro_sessions_list`, `kiro_session_show` and `kiro_doctor`: what the server's kiro-cli knows, read only. */
export function registerSessionTools(server: McpServer, context: McpContext): void {
  const {answers, config} = context;
  const {policy} = config;

  server.registerTool(
    'kiro_sessions_list',
    {
      title: 'List Kiro sessions',
      description:
        "The saved Kiro conversations of a directory, newest first; pass a session's id to kiro_ask as sessionId to continue it.",
      inputSchema: sessionsListInput,
      outputSchema: sessionsList,
      annotations: {readOnlyHint: true},
    },
    answers.guard(async ({cwd, limit}, ctx: ServerContext) => {
      const dir = checkCwd(policy, cwd, realDirectory);
      if (!dir.ok) return answers.refused(dir.refusal);
      const result = await sessionsOf(config, dir.value, ctx.mcpReq.signal);
      const shown = {...result, sessions: result.sessions.slice(0, limit ?? DEFAULT_LIMIT)};
      return answers.data({...shown, total: result.sessions.length}, renderSessionsList(shown, PLAIN_TIMES));
    }),
  );

  server.registerTool(
    'kiro_session_show',
    {
      title: 'Show a Kiro session',
      description:
        'One saved conversation: prompts, answers and tool calls, the newest entries within maxEntries and maxChars.',
      inputSchema: sessionShowInput,
      outputSchema: sessionShow,
      annotations: {readOnlyHint: true},
    },
    answers.guard(async ({sessionId, maxEntries, maxChars}) => {
      const session = await sessionById(config, sessionId);
      const real = session.cwd === null ? null : (realDirectory(session.cwd) ?? session.cwd);
      if (real === null || !policy.allowedDirs.some((dir) => isInside(real, dir))) {
        const where = session.cwd ?? 'an unknown directory';
        const detail = `the session ${sessionId} belongs to ${where}, outside the directories this server allows.`;
        return answers.refused(refuse('--allow-cwd', detail).refusal);
      }
      const bounded = boundEntries(
        session.entries,
        maxEntries ?? DEFAULT_MAX_ENTRIES,
        maxChars ?? DEFAULT_MAX_CHARS,
      );
      const shown = {...session, ...bounded};
      return answers.data(shown, renderSessionShow(shown, PLAIN_TIMES));
    }),
  );

  server.registerTool(
    'kiro_doctor',
    {
      title: 'Check the Kiro setup',
      description:
        "kiro-x doctor with the server's settings: kiro-cli, its credential, the agent, the model, the config; each check with a fix.",
      inputSchema: doctorInput,
      outputSchema: doctorResult,
      annotations: {readOnlyHint: true},
    },
    answers.guard(async ({cwd}, ctx: ServerContext) => {
      const dir = checkCwd(policy, cwd, realDirectory);
      if (!dir.ok) return answers.refused(dir.refusal);
      const result = await doctorFor(config, dir.value, ctx.mcpReq.signal);
      return answers.data(result, renderDoctorText(result, PLAIN));
    }),
  );
}
