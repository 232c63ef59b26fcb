import type {Effort, Trust} from '../turn.js';

/**
 * The two ACP dialects of kiro-cli: V2 (the Rust engine, flags as headless) and V3 (the Kiro Agent Server, which
 * refuses those flags and takes agent, model and effort per session).
 */
export const ACP_DIALECTS = ['v2', 'v3'] as const;

/** One ACP dialect. */
export type AcpDialect = (typeof ACP_DIALECTS)[number];

/** Everything that shapes a `kiro-cli acp` process. */
export interface AcpArgsInput {
  dialect: AcpDialect;
  /** V2 `--agent NAME`; V3 takes it on session/new instead. */
  agent?: string | undefined;
  /** V2 `--model ID`; V3 sets it as a config option. */
  model?: string | undefined;
  /** V2 `--effort LEVEL`; V3 sets `effortLevel`. */
  effort?: Effort | undefined;
  /** V2 `-a` / `--trust-tools=LIST`; V3 has no trust flag, kiro-x's permission policy applies them. */
  trust: Trust;
  /** V2: pin the engine with `--agent-engine=v2` (kiro-cli 2.4+), so a newer default cannot switch dialect. */
  pinEngine?: boolean | undefined;
}

/** The argv of `kiro-cli acp` (after the executable). Nothing in it is secret and no prompt goes there. */
export function buildAcpArgs(input: AcpArgsInput): string[] {
  // V3 refuses --agent/--model/--effort/--trust-* with a clap error; `cli` auth reads kiro-cli's own login
  // instead of asking the client for a token (`_kiro/auth/getAccessToken`).
  if (input.dialect === 'v3') return ['acp', '--agent-engine=v3', '--auth-method=cli'];
  const args = ['acp'];
  if (input.pinEngine === true) args.push('--agent-engine=v2');
  if (input.agent !== undefined) args.push('--agent', input.agent);
  if (input.model !== undefined) args.push('--model', input.model);
  if (input.effort !== undefined) args.push('--effort', input.effort);
  if (input.trust.all === true) args.push('--trust-all-tools');
  // As headless: the `=` form keeps the list one argument, and an empty list passes no flag.
  else if (input.trust.tools.length > 0) args.push(`--trust-tools=${input.trust.tools.join(',')}`);
  return args;
}

/** One JSON-RPC request kiro-x sends while setting a session up. */
export interface SetupRequest {
  method: string;
  params: Record<string, unknown>;
}

/** The params of `session/new`: both `cwd` and `mcpServers` are required; V3 takes the agent as a mode id. */
export function newSessionParams(
  dialect: AcpDialect,
  cwd: string,
  agent?: string | undefined,
): Record<string, unknown> {
  const params: Record<string, unknown> = {cwd, mcpServers: []};
  if (dialect === 'v3' && agent !== undefined) params._meta = {kiro: {modeId: agent}};
  return params;
}

/** The params of `session/load`. */
export function loadSessionParams(sessionId: string, cwd: string): Record<string, unknown> {
  return {sessionId, cwd, mcpServers: []};
}

/**
 * What follows session/new or session/load before the first prompt. V2 took everything on its argv. V3 gets
 * model and effort as config options, and `autopilot` off: on (its default) it runs every tool without asking,
 * so kiro-x's permission policy would never see a request.
 */
export function sessionSetup(
  dialect: AcpDialect,
  sessionId: string,
  options: {model?: string | undefined; effort?: Effort | undefined},
): SetupRequest[] {
  if (dialect === 'v2') return [];
  const steps: SetupRequest[] = [];
  if (options.model !== undefined) steps.push(configOption(sessionId, 'model', options.model));
  if (options.effort !== undefined) steps.push(configOption(sessionId, 'effortLevel', options.effort));
  steps.push(configOption(sessionId, 'autopilot', 'off'));
  return steps;
}

/** The request that switches a session's model: V2 `session/set_model` (no SDK constant), V3 a config option. */
export function setModelRequest(dialect: AcpDialect, sessionId: string, model: string): SetupRequest {
  if (dialect === 'v3') return configOption(sessionId, 'model', model);
  return {method: 'session/set_model', params: {sessionId, modelId: model}};
}

function configOption(sessionId: string, configId: string, value: string): SetupRequest {
  return {method: 'session/set_config_option', params: {sessionId, configId, value}};
}

/**
 * The agent kiro-cli did not find: session/new answers its current mode, which is the requested agent when
 * kiro-cli found it and its default otherwise (V2 falls back with a stderr line, V3 with `agent "X" not found`).
 */
export function missingAgent(requested: string | undefined, response: unknown): string | null {
  if (requested === undefined) return null;
  const modes = (response as {modes?: {currentModeId?: unknown} | null} | null)?.modes;
  const current = modes?.currentModeId;
  return typeof current === 'string' && current !== requested ? requested : null;
}
