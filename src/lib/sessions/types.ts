/** One saved kiro-cli conversation as `sessions list` reports it. */
export interface SessionEntry {
  id: string;
  title: string;
  /** Prompts plus answers, when the plain list or the store tells; null otherwise. */
  messages: number | null;
  /** ISO time of the last change, when known. */
  updatedAt: string | null;
  cwd: string | null;
}

/** Where a listing came from: kiro-cli's JSON, its plain rows, or the V2 store read directly (`--all`). */
export type ListingSource = 'json' | 'plain' | 'store';

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
