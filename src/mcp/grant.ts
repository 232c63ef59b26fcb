import {findSession} from '../lib/sessions/store.js';
import type {AskInput} from './ask-schemas.js';
import {realDirectory} from './config.js';
import type {McpContext} from './context.js';
import {checkCall, isInside, refuse, type Checked, type McpPolicy} from './policy.js';
import type {TurnCall} from './turn-runner.js';

/**
 * The turn a `kiro_ask` call may run, or why not. A session to continue must belong to an allowed directory
 * too: continuing it replays its conversation, which would otherwise reach into a project the server does not
 * serve. A session kiro-cli's store does not know is left to kiro-cli, which refuses unknown ids itself.
 */
export async function grantTurn(context: McpContext, args: AskInput): Promise<Checked<TurnCall>> {
  const {policy} = context.config;
  const checked = checkCall(policy, args, realDirectory);
  if (!checked.ok) return checked;
  if (args.sessionId !== undefined) {
    const session = await findSession(context.config.env, args.sessionId);
    if (session?.cwd && !sessionAllowed(policy, session.cwd)) {
      return refuse(
        '--allow-cwd',
        `the session ${args.sessionId} belongs to ${session.cwd}, outside the directories this server allows.`,
      );
    }
  }
  return {
    ok: true,
    value: {
      prompt: args.prompt,
      grant: checked.value,
      sessionId: args.sessionId,
      systemPrompt: args.systemPrompt,
    },
  };
}

function sessionAllowed(policy: McpPolicy, cwd: string): boolean {
  const real = realDirectory(cwd) ?? cwd;
  return policy.allowedDirs.some((dir) => isInside(real, dir));
}
