import path from 'node:path';

import {askOptionsFromSettings} from '../ask/from-settings.js';
import type {AskOptions} from '../ask/options.js';
import type {OutputFormat} from '../config/kinds.js';
import {resolveSettings, type ResolveInput} from '../config/resolve.js';
import type {Settings} from '../config/settings.js';
import {batchFormat} from './parse-batch.js';
import {DEFAULT_BACKOFF, type Backoff} from './retry-policy.js';
import type {Selection} from './select-items.js';
import {parseShard, type Shard} from './shard.js';
import type {BatchFormat} from './types.js';

/** Default ledger name, next to the batch file. */
export const DEFAULT_LEDGER = 'kiro-x-results.jsonl';

/** What a front end hands `batch`: the settings it was given, the file, and the batch's per-run choices as typed. */
export interface BatchInput extends ResolveInput {
  /** The batch file; `-` reads stdin. */
  file: string;
  /** `--format` as given. */
  format?: string | undefined;
  /** `--shard I/N` as given. */
  shard?: string | undefined;
  /** Skip items whose latest record passed (`--resume`). */
  resume?: boolean | undefined;
  /** Run only items whose latest record failed (`--retry-failed`). */
  retryFailed?: boolean | undefined;
}

/** Everything one batch run needs, resolved and checked. */
export interface BatchOptions {
  file: string;
  format: BatchFormat;
  /** Where a relative item `cwd` resolves: the batch file's directory (the cwd for stdin). */
  baseDir: string;
  shard: Shard | undefined;
  selection: Selection;
  /** The batch's settings: each item's turn takes them with the item's own fields on top. */
  settings: Settings;
  /** The batch defaults as one turn's options (its prompt is empty): the harness and credential checks use them. */
  base: AskOptions;
  concurrency: number;
  retries: number;
  failFast: boolean;
  maxCredits: number | undefined;
  backoff: Backoff;
  /** The ledger file (JSON Lines). */
  ledger: string;
  output: OutputFormat;
  junitFile: string | undefined;
}

/** `KIRO_X_RETRY_BASE_MS` shortens the backoff base (tests, fast-failing backends); the cap stays 60 s. */
function retryBackoff(env: NodeJS.ProcessEnv): Backoff {
  const raw = env.KIRO_X_RETRY_BASE_MS;
  return raw !== undefined && /^\d+$/.test(raw) ? {...DEFAULT_BACKOFF, baseMs: Number(raw)} : DEFAULT_BACKOFF;
}

/** The options of a batch run from flags > env > .kirorc > defaults, every value checked before anything runs. */
export async function resolveBatchOptions(input: BatchInput): Promise<BatchOptions> {
  const resolved = await resolveSettings(input);
  // The working directory is the front end's, not necessarily this process's: every item's turn starts from it.
  const settings: Settings = {
    ...resolved.settings,
    cwd: path.resolve(input.cwd, resolved.settings.cwd ?? '.'),
  };
  const {file} = input;
  const format = batchFormat(file, input.format);
  const baseDir = file === '-' ? input.cwd : path.dirname(path.resolve(input.cwd, file));
  return {
    file,
    format,
    baseDir,
    shard: input.shard === undefined ? undefined : parseShard(input.shard),
    selection: input.resume ? 'resume' : input.retryFailed ? 'retry-failed' : 'all',
    settings,
    base: await askOptionsFromSettings(settings, '', {}),
    concurrency: settings.concurrency,
    retries: settings.retries,
    failFast: settings.failFast,
    maxCredits: settings.maxCredits,
    backoff: retryBackoff(input.env),
    ledger: settings.results ?? path.join(baseDir, DEFAULT_LEDGER),
    output: settings.output,
    junitFile: settings.junitFile,
  };
}
