import {requestFailure} from './request-failure.js';
import type {Effort} from '../turn.js';
import type {AcpConnection} from './connection.js';
import {missingAgent} from './dialect.js';
import {loadSession, ResumeFailedError} from './load-session.js';
import type {AcpTurnEvidence} from './outcome.js';

/** What the turn's session needs: a new one in `cwd`, or `resumeId` loaded. */
export interface SessionPlan {
  cwd: string;
  agent?: string | undefined;
  model?: string | undefined;
  effort?: Effort | undefined;
  resumeId?: string | undefined;
  /** The V2 session store, where a killed process's lock is removed. */
  storeDir: string;
  loadTimeoutMs: number;
  /** Bound of session/new and the setup requests. */
  requestTimeoutMs: number;
}

/** The session a turn runs in, as the `session` event reports it. */
export interface EstablishedSession {
  sessionId: string;
  resumed: boolean | null;
  model: string | null;
  agent: string | null;
}

/** Why no prompt could be sent, as evidence for the outcome. */
export type SessionFailure = Pick<
  Partial<AcpTurnEvidence>,
  'resumeFailure' | 'agentMissing' | 'rpcError' | 'unanswered'
> & {sessionId: string | null; closed: boolean};

/**
 * Creates or loads the turn's session and sets it up (V3: model, effort, autopilot off). A requested agent that
 * kiro-cli did not find fails here, before any credit is spent on a turn without its restrictions.
 */
export async function establishSession(
  connection: AcpConnection,
  plan: SessionPlan,
): Promise<EstablishedSession | SessionFailure> {
  let sessionId: string | null = null;
  try {
    const resumed = plan.resumeId !== undefined;
    const session = resumed
      ? await loadSession(connection, {
          sessionId: plan.resumeId as string,
          cwd: plan.cwd,
          timeoutMs: plan.loadTimeoutMs,
          storeDir: plan.storeDir,
        })
      : await connection.newSession(plan.cwd, plan.agent, plan.requestTimeoutMs);
    const id = session.sessionId;
    sessionId = id;
    const missing = resumed ? null : missingAgent(plan.agent, session.response);
    if (missing !== null) return {agentMissing: missing, sessionId: id, closed: false};
    await connection.setUp(id, {model: plan.model, effort: plan.effort}, plan.requestTimeoutMs);
    return {
      sessionId: id,
      resumed: resumed ? true : null,
      model: plan.model ?? currentModel(session.response),
      agent: plan.agent ?? currentMode(session.response),
    };
  } catch (error) {
    if (error instanceof ResumeFailedError) return {resumeFailure: error.message, sessionId, closed: false};
    const {found, closed} = requestFailure(error);
    return {...found, sessionId, closed};
  }
}

/** Whether establishing the session failed. */
export function isSessionFailure(value: EstablishedSession | SessionFailure): value is SessionFailure {
  return 'closed' in value;
}

// V2 answers `models.currentModelId`; V3 lists a `model` config option.
function currentModel(response: Record<string, unknown>): string | null {
  const models = response.models as {currentModelId?: unknown} | undefined;
  if (typeof models?.currentModelId === 'string') return models.currentModelId;
  const options = Array.isArray(response.configOptions) ? (response.configOptions as unknown[]) : [];
  const model = options.find((o) => (o as {id?: unknown} | null)?.id === 'model') as
    {currentValue?: unknown} | undefined;
  return typeof model?.currentValue === 'string' ? model.currentValue : null;
}

function currentMode(response: Record<string, unknown>): string | null {
  const current = (response.modes as {currentModeId?: unknown} | undefined)?.currentModeId;
  return typeof current === 'string' ? current : null;
}
