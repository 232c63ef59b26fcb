import {isoTime} from './conversation.js';
import {dict, type Dict} from './json-shape.js';

/** What kiro-x reads from a session's header, whichever store it came from. */
export interface SessionMeta {
  id: string;
  /** `v2`: `$KIRO_HOME/sessions/cli`; `v3`: the V3 harness's bucketed store. */
  engine: 'v2' | 'v3';
  title: string;
  cwd: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  /** Set on a subagent's session: the session that delegated to it. */
  parentId: string | null;
  model: string | null;
  /** Credits of the stored turns (sum of their metering usage), when kiro-cli stored any. */
  credits: number | null;
  /** Stored user turns (V2 turn metadata), when known. */
  turns: number | null;
  /** Messages named by the turn metadata: a count for sessions whose events cannot be read. */
  messageIds: number | null;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function creditsOf(turns: Dict[]): number | null {
  const values = turns.flatMap((turn) =>
    (Array.isArray(turn.metering_usage) ? turn.metering_usage : [])
      .map(dict)
      .filter((m) => typeof m.value === 'number' && (m.unit === undefined || m.unit === 'credit'))
      .map((m) => m.value as number),
  );
  return values.length === 0 ? null : Math.round(values.reduce((a, b) => a + b, 0) * 1e6) / 1e6;
}

/**
 * A V2 header `<uuid>.json` (snake_case: `session_id`, `title`, `cwd`, `created_at`, `updated_at`,
 * `parent_session_id`, `session_state.rts_model_state.model_info.model_id`,
 * `session_state.conversation_metadata.user_turn_metadatas[]`). `session_created_reason` is not used: one
 * public measurement found `"subagent"` on every session, so only `parent_session_id` marks a subagent.
 */
export function parseV2Header(doc: unknown, fileId: string): SessionMeta | null {
  const head = dict(doc);
  if (Object.keys(head).length === 0) return null;
  const state = dict(head.session_state);
  const turns = dict(state.conversation_metadata).user_turn_metadatas;
  const turnList = Array.isArray(turns) ? turns.map(dict) : null;
  return {
    id: fileId,
    engine: 'v2',
    title: str(head.title) ?? '',
    cwd: str(head.cwd),
    createdAt: isoTime(head.created_at ?? head.createdAt),
    updatedAt: isoTime(head.updated_at ?? head.updatedAt),
    parentId: str(head.parent_session_id),
    model: str(dict(dict(state.rts_model_state).model_info).model_id),
    credits: turnList ? creditsOf(turnList) : null,
    turns: turnList ? turnList.length : null,
    messageIds: turnList
      ? turnList.reduce((n, t) => n + (Array.isArray(t.message_ids) ? t.message_ids.length : 0), 0)
      : null,
  };
}

/** A V3 `session.json` (camelCase: `id`, `title`, `workspacePaths`, `createdAt`, `lastModifiedAt`, `modelId`, `parentSessionId`). */
export function parseV3Meta(doc: unknown, dirId: string): SessionMeta | null {
  const meta = dict(doc);
  if (Object.keys(meta).length === 0) return null;
  const paths = Array.isArray(meta.workspacePaths) ? meta.workspacePaths : [];
  return {
    id: dirId,
    engine: 'v3',
    title: str(meta.title) ?? '',
    cwd: str(paths[0]),
    createdAt: isoTime(meta.createdAt),
    updatedAt: isoTime(meta.lastModifiedAt ?? meta.updatedAt),
    parentId: str(meta.parentSessionId),
    model: str(meta.modelId),
    credits: null,
    turns: null,
    messageIds: null,
  };
}
