import type {AskResult} from '../ask/result.js';
import type {Outcome} from '../outcomes.js';

/** The input formats of a batch file. */
export const BATCH_FORMATS = ['txt', 'jsonl', 'json', 'yaml'] as const;
/** One input format. */
export type BatchFormat = (typeof BATCH_FORMATS)[number];

/** What an item expects of the answer; a completed turn that misses one is an assertion failure. */
export interface Expectations {
  contains?: string[];
  notContains?: string[];
  /** A JavaScript regular expression, tested against the answer. */
  matches?: string;
  /** The whole answer, compared with surrounding whitespace trimmed. */
  equals?: string;
  /** The answer must parse as JSON. */
  json?: boolean;
}

/** One validated prompt of a batch file; absent fields take the batch defaults. */
export interface BatchItem {
  id: string;
  prompt: string;
  /** Line in the batch file, for messages. */
  line: number;
  model?: string;
  agent?: string;
  trustTools?: string[];
  trustAllTools?: boolean;
  systemPrompt?: string;
  /** Absolute: a relative `cwd` was resolved against the batch file's directory. */
  cwd?: string;
  timeoutMs?: number;
  /** Continue the latest kiro-cli conversation of the cwd (`kiro-cli --resume`); never implied. */
  resume?: boolean;
  expect?: Expectations;
}

/** The verdict on an item. */
export type ItemStatus = 'passed' | 'failed' | 'error' | 'skipped';

/** One checked expectation. */
export interface AssertionResult {
  kind: keyof Expectations;
  passed: boolean;
  /** Expected vs. got, shortened. */
  message: string;
}

/** Ledger line of one attempt: the full ask result plus where it belongs. */
export interface AttemptRecord extends AskResult {
  recordType: 'attempt';
  runId: string;
  /** The batch file, relative to the ledger's directory (`-` for stdin). */
  file: string;
  id: string;
  attempt: number;
  promptHash: string;
  startedAt: string;
  finishedAt: string;
  status: Exclude<ItemStatus, 'skipped'>;
  assertions: AssertionResult[];
  /** Another attempt follows this one. */
  willRetry: boolean;
}

/** Ledger line of an item a run decided not to start. */
export interface SkipRecord {
  schemaVersion: 1;
  recordType: 'skip';
  runId: string;
  file: string;
  id: string;
  promptHash: string;
  finishedAt: string;
  status: 'skipped';
  reason: string;
  /** Skipped because another item failed (`--fail-fast`): counts as a failure for the exit code. */
  causedByFailure: boolean;
}

/** One line of the results ledger. */
export type LedgerRecord = AttemptRecord | SkipRecord;

/** What the reports keep of an item: its latest record, without the transcript. */
export interface ItemReport {
  id: string;
  status: ItemStatus;
  outcome: Outcome | null;
  message: string;
  /** The final answer ('' when there was none). */
  text: string;
  attempts: number;
  /** Credits of every attempt of the run that produced the latest record. */
  credits: number | null;
  durationMs: number;
  assertions: AssertionResult[];
  skipReason: string | null;
  causedByFailure: boolean;
  runId: string;
  promptHash: string;
  startedAt: string | null;
  finishedAt: string;
  stderrTail: string;
}

/** The items of one batch file. */
export interface SuiteReport {
  /** The batch file, as recorded in the ledger. */
  file: string;
  items: ItemReport[];
}

/** Counts over every item of a summary. */
export interface BatchTotals {
  items: number;
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
  attempts: number;
  credits: number;
}

/** The `kiro-x batch --json` document (schemaVersion 1; JSON Schema in `schema/batch-summary.schema.json`). */
export interface BatchSummary {
  schemaVersion: 1;
  /** True when every item passed. */
  ok: boolean;
  /** The signal that interrupted the run, if one did. */
  interrupted: 'SIGINT' | 'SIGTERM' | null;
  runIds: string[];
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number;
  totals: BatchTotals;
  suites: SuiteReport[];
}
