import path from 'node:path';

import type {Trust} from '../lib/engine/turn.js';
import {plural} from '../lib/output/plural.js';

/** What `kiro-x mcp` was started to allow: every tool call is checked against it and can only narrow it. */
export interface McpPolicy {
  /** Real paths (symlinks resolved) of the directories a call's cwd must be inside. */
  allowedDirs: readonly string[];
  /** The cwd of a call that names none, and the base of a relative one. */
  defaultCwd: string;
  /** The server's trust: a call may trust fewer tools, never more. */
  trust: Trust;
  /** Models a call may name; null: any. */
  allowModels: readonly string[] | null;
  /** Agents a call may name; null: any. */
  allowAgents: readonly string[] | null;
  /** The tools of the server's generated profile (`--tools`); null when it sets none. */
  tools: readonly string[] | null;
  /** The server gives the agent no tools at all (`--no-tools`). */
  noTools: boolean;
  maxConcurrent: number;
  maxPromptBytes: number;
}

/** Why a call was refused: the limit, the flag that sets it, and a message that names both. */
export interface Refusal {
  flag: string;
  message: string;
}

/** A checked value, or the refusal that stopped it. */
export type Checked<T> = {ok: true; value: T} | {ok: false; refusal: Refusal};

/** What a tool call asks for, before the policy has seen it. */
export interface CallRequest {
  prompt: string;
  cwd?: string | undefined;
  model?: string | undefined;
  agent?: string | undefined;
  tools?: readonly string[] | undefined;
  trustTools?: readonly string[] | undefined;
  trustAllTools?: boolean | undefined;
}

/** What the policy lets a call do: a real cwd, a trust no wider than the server's, checked names. */
export interface CallGrant {
  cwd: string;
  trust: Trust;
  model?: string | undefined;
  agent?: string | undefined;
  tools?: readonly string[] | undefined;
}

/** Resolves a directory to its real path (symlinks followed), or null when it is not an existing directory. */
export type RealPath = (file: string) => string | null;

const ok = <T>(value: T): Checked<T> => ({ok: true, value});

/** A refusal naming the flag that sets the limit. */
export function refuse(flag: string, detail: string): {ok: false; refusal: Refusal} {
  return {ok: false, refusal: {flag, message: `Refused by ${flag}: ${detail}`}};
}

const list = (items: readonly string[]): string => (items.length === 0 ? 'none' : items.join(', '));

/** Whether `dir` is `parent` or below it; both are absolute, normalised paths. */
export function isInside(dir: string, parent: string): boolean {
  const relative = path.relative(parent, dir);
  if (relative === '') return true;
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/**
 * The call's working directory as a real path inside an allowed directory. The check runs on the real path,
 * so neither `..` nor a symlink pointing outside can escape.
 */
export function checkCwd(
  policy: McpPolicy,
  requested: string | undefined,
  realpath: RealPath,
): Checked<string> {
  const wanted = path.resolve(policy.defaultCwd, requested ?? '.');
  const real = realpath(wanted);
  if (real === null) return refuse('--allow-cwd', `the cwd ${wanted} is not an existing directory.`);
  if (policy.allowedDirs.some((dir) => isInside(real, dir))) return ok(real);
  const shown = real === wanted ? real : `${wanted} (really ${real})`;
  return refuse(
    '--allow-cwd',
    `the cwd ${shown} is outside the directories this server allows (${list(policy.allowedDirs)}).`,
  );
}

/** The call's trust: the server's, or a narrower one; a wider one is refused. */
export function checkTrust(policy: McpPolicy, call: CallRequest): Checked<Trust> {
  const server = policy.trust;
  if (call.trustAllTools === true) {
    if (call.trustTools !== undefined) {
      return refuse('--trust-tools', 'give trustTools or trustAllTools, not both.');
    }
    if (server.all === true) return ok({all: true});
    return refuse(
      '--trust-all-tools',
      `trustAllTools asks for more trust than this server gives (it trusts: ${list(server.tools)}).`,
    );
  }
  if (call.trustTools === undefined) return ok(server);
  if (server.all === true) return ok({tools: [...call.trustTools]});
  const wider = call.trustTools.filter((tool) => !server.tools.includes(tool));
  if (wider.length === 0) return ok({tools: [...call.trustTools]});
  return refuse(
    '--trust-tools',
    `trustTools names ${list(wider)}, which this server does not trust (it trusts: ${list(server.tools)}).`,
  );
}

/** A model or agent the call names, when the server's allow list has it. */
export function checkName(
  allowed: readonly string[] | null,
  requested: string | undefined,
  what: 'model' | 'agent',
): Checked<string | undefined> {
  if (requested === undefined || allowed === null || allowed.includes(requested)) return ok(requested);
  return refuse(
    `--allow-${what}`,
    `the ${what} ${JSON.stringify(requested)} is not one this server allows (${list(allowed)}).`,
  );
}

/** The tools of the call's generated profile: any, unless the server chose them, then only fewer. */
export function checkTools(
  policy: McpPolicy,
  tools: readonly string[] | undefined,
): Checked<readonly string[] | undefined> {
  if (tools === undefined || tools.length === 0) return ok(tools);
  if (policy.noTools)
    return refuse('--no-tools', 'this server gives the agent no tools, so tools must be empty.');
  if (policy.tools === null) return ok(tools);
  const extra = tools.filter((tool) => !policy.tools?.includes(tool) && !policy.tools?.includes('*'));
  if (extra.length === 0) return ok(tools);
  return refuse(
    '--tools',
    `tools names ${list(extra)}, which this server's profile does not have (${list(policy.tools)}).`,
  );
}

/** The prompt, when it fits the server's size limit. */
export function checkPrompt(policy: McpPolicy, prompt: string): Checked<string> {
  const bytes = Buffer.byteLength(prompt, 'utf8');
  if (bytes <= policy.maxPromptBytes) return ok(prompt);
  return refuse(
    '--max-prompt-bytes',
    `the prompt has ${bytes} bytes; this server takes at most ${policy.maxPromptBytes}.`,
  );
}

/** The refusal of a call that would run more turns at once than the server allows. */
export function concurrencyRefusal(policy: McpPolicy): Refusal {
  return refuse(
    '--max-concurrent',
    `${plural(policy.maxConcurrent, 'turn')} already running, the most this server runs at once. Try again when one has finished (kiro_task_list shows the async ones).`,
  ).refusal;
}

/** Everything a call asks for, checked in the order a person would fix it; the first refusal wins. */
export function checkCall(policy: McpPolicy, call: CallRequest, realpath: RealPath): Checked<CallGrant> {
  const prompt = checkPrompt(policy, call.prompt);
  if (!prompt.ok) return prompt;
  const cwd = checkCwd(policy, call.cwd, realpath);
  if (!cwd.ok) return cwd;
  const trust = checkTrust(policy, call);
  if (!trust.ok) return trust;
  const model = checkName(policy.allowModels, call.model, 'model');
  if (!model.ok) return model;
  const agent = checkName(policy.allowAgents, call.agent, 'agent');
  if (!agent.ok) return agent;
  const tools = checkTools(policy, call.tools);
  if (!tools.ok) return tools;
  return ok({cwd: cwd.value, trust: trust.value, model: model.value, agent: agent.value, tools: tools.value});
}
