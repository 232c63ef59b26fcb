import type {AskResult} from '../ask/result.js';

/** The engines that report turn events. */
export type EventEngine = 'headless' | 'acp';

/** Status of a tool call, as ACP names it. */
export type ToolStatus = 'pending' | 'in_progress' | 'completed' | 'failed';

/** What kiro-x answered to a permission request. */
export type PermissionDecision = 'allow' | 'deny' | 'cancelled';

/** Who decided a permission request: a trust flag, the permission mode, the user, or a cancelled turn. */
export type PermissionDecider = 'trust-all' | 'trust-tools' | 'policy' | 'user' | 'cancel';

/** One permission request of a turn and what kiro-x answered (the result's `permissions`). */
export interface PermissionRecord {
  tool: string;
  title: string;
  kind: string | null;
  decision: PermissionDecision;
  by: PermissionDecider;
}

// Every event but `result` carries these: `elapsedMs` counts integer ms since kiro-x started the turn.
interface Timed {
  elapsedMs: number;
}

/** The session a turn runs in: at start (headless, id unknown) or once session/new or session/load answered. */
export interface SessionEvent extends Timed {
  type: 'session';
  engine: EventEngine;
  sessionId: string | null;
  resumed: boolean | null;
  model: string | null;
  agent: string | null;
}

/** A chunk of the assistant's answer; the chunks of a turn concatenated give its messages joined. */
export interface MessageEvent extends Timed {
  type: 'message';
  text: string;
  /** 0-based index of the assistant message the chunk belongs to (a tool call starts the next message). */
  messageIndex: number;
}

/** A chunk of the agent's reasoning. */
export interface ThoughtEvent extends Timed {
  type: 'thought';
  text: string;
}

/** A tool call the agent announced. */
export interface ToolCallEvent extends Timed {
  type: 'tool_call';
  id: string;
  tool: string;
  title: string;
  kind: string | null;
  status: ToolStatus;
}

/** Progress or the end of a tool call. */
export interface ToolCallUpdateEvent extends Timed {
  type: 'tool_call_update';
  id: string;
  status: ToolStatus;
  title: string | null;
  /** The tool's output as text, at most 64 KiB (a cut is marked). */
  output: string | null;
  /** From the tool call's announcement to this update, for a completed or failed call. */
  durationMs: number | null;
}

/** One step of the agent's plan. */
export interface PlanEntry {
  content: string;
  status: string;
  priority: string;
}

/** The agent's plan, whole each time it changes. */
export interface PlanEvent extends Timed {
  type: 'plan';
  entries: PlanEntry[];
}

/** kiro-cli asked whether a tool may run. */
export interface PermissionRequestEvent extends Timed {
  type: 'permission_request';
  /** The tool call id the request is about. */
  id: string;
  tool: string;
  title: string;
  kind: string | null;
  /** The option ids kiro-cli offered. */
  options: string[];
}

/** The answer kiro-x sent to a permission request. */
export interface PermissionDecisionEvent extends Timed {
  type: 'permission_decision';
  id: string;
  tool: string;
  decision: PermissionDecision;
  by: PermissionDecider;
}

/** Metering and context facts of a session (the turn's own, or a subagent's). */
export interface MetadataEvent extends Timed {
  type: 'metadata';
  /** The session the facts are about; null on the headless engine, which proves the id only after the turn. */
  sessionId: string | null;
  credits: number | null;
  contextUsagePercent: number | null;
  turnDurationMs: number | null;
  /** Sent under another session id than the turn's: a subagent's, never counted in the turn's credits. */
  subagent: boolean;
}

/** Something a user should see: a stderr warning or an extension notice (rate limit, MCP failure, …). */
export interface WarningEvent extends Timed {
  type: 'warning';
  message: string;
}

/** A frame kiro-x does not map to another event, passed on raw so nothing kiro-cli says is lost. */
export interface NoticeEvent extends Timed {
  type: 'notice';
  method: string;
  params: unknown;
}

/** The last line of a stream: exactly the `--json` document, which carries `type: "result"` itself. */
export type ResultEvent = AskResult & {type: 'result'};

/** Everything a turn reports as it happens (the `--output stream-json` lines), told apart by `type`. */
export type TurnEvent =
  | SessionEvent
  | MessageEvent
  | ThoughtEvent
  | ToolCallEvent
  | ToolCallUpdateEvent
  | PlanEvent
  | PermissionRequestEvent
  | PermissionDecisionEvent
  | MetadataEvent
  | WarningEvent
  | NoticeEvent
  | ResultEvent;

/** Every event type of the contract, in its order. */
export const TURN_EVENT_TYPES = [
  'session',
  'message',
  'thought',
  'tool_call',
  'tool_call_update',
  'plan',
  'permission_request',
  'permission_decision',
  'metadata',
  'warning',
  'notice',
  'result',
] as const satisfies ReadonlyArray<TurnEvent['type']>;

/** An event of one type, without its `type` and `elapsedMs` (what an engine fills in). */
export type EventBody<T extends Exclude<TurnEvent['type'], 'result'>> = Omit<
  Extract<TurnEvent, {type: T}>,
  'type' | 'elapsedMs'
>;
