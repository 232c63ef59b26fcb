/** One saved kiro-cli conversation as `sessions list` reports it. */
export interface SessionEntry {
  /** A UUID (V2 engine) or `sess_<UUID>` (V3 harness). */
  id: string;
  /** The store it was read from; null when only kiro-cli's listing told of it. */
  engine: 'v2' | 'v3' | null;
  title: string;
  /** Messages of the conversation since its last clear (prompts, assistant messages, tool results); null when unknown. */
  messages: number | null;
  /** ISO time of the last change, when known. */
  updatedAt: string | null;
  cwd: string | null;
  /** A live kiro-cli process holds the session's lock; null when the store keeps no lock for it. */
  active: boolean | null;
  /** Sessions of subagents it delegated to; null when unknown. */
  subagents: number | null;
}

/** Where a listing came from: the session stores read directly, or kiro-cli's JSON or plain listing. */
export type ListingSource = 'store' | 'json' | 'plain';

/** The `sessions list --json` document. */
export interface SessionsListResult {
  schemaVersion: 1;
  source: ListingSource;
  /** The directory listed; null with `--all`. */
  cwd: string | null;
  sessions: SessionEntry[];
}

/** How to reach kiro-cli for session commands. */
export interface SessionsOptions {
  cliPath: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Bound on each kiro-cli call in ms. */
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}
