import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';

import {Ajv2020} from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

import type {BatchSummary, LedgerRecord} from '../../src/lib/batch/types.js';
import {REPO_ROOT} from '../helpers/validate.js';
import {records, type World} from './harness.js';

/** Write a batch file into the world's workspace and return its path. */
export function batchFile(world: World, name: string, text: string): string {
  const file = path.join(world.workspace, name);
  writeFileSync(file, text);
  return file;
}

/** The records of a ledger (every line must be a record). */
export function ledger(file: string): LedgerRecord[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as LedgerRecord);
}

/** The most simulator turns that ran at the same moment, from their startedAt/endedAt records. */
export function peakOverlap(world: World): number {
  const events = records(world)
    .filter((r) => Array.isArray(r.argv) && (r.argv as string[]).includes('chat'))
    .flatMap((r) => [
      [r.startedAt as number, 1],
      [(r.endedAt as number | null) ?? Number.MAX_SAFE_INTEGER, -1],
    ]);
  events.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0));
  let now = 0;
  let peak = 0;
  for (const [, delta] of events) {
    now += delta ?? 0;
    peak = Math.max(peak, now);
  }
  return peak;
}

const addFormats = addFormatsModule.default;
const ajv = new Ajv2020({allErrors: true, strict: true});
addFormats(ajv);
const validateSummarySchema = ajv.compile(
  JSON.parse(readFileSync(path.join(REPO_ROOT, 'schema/batch-summary.schema.json'), 'utf8')) as object,
);

/** Parse a `--json` summary and check it against `schema/batch-summary.schema.json`. */
export function summaryOf(stdout: string): BatchSummary {
  const doc = JSON.parse(stdout) as unknown;
  if (!validateSummarySchema(doc)) throw new Error(JSON.stringify(validateSummarySchema.errors, null, 2));
  return doc as BatchSummary;
}

/** `[id, status, outcome]` of every item of a summary, in order. */
export function statuses(summary: BatchSummary): [string, string, string | null][] {
  return summary.suites.flatMap((s) =>
    s.items.map((i): [string, string, string | null] => [i.id, i.status, i.outcome]),
  );
}
