import type {AttemptRecord} from '../../src/lib/batch/types.js';
import {sampleAskResult} from './validate.js';

/** A ledger attempt record of item `id` in `b.txt` that passed in 1 s, with `over` on top. */
export function attemptRecord(id: string, over: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    ...sampleAskResult({durationMs: 1000}),
    recordType: 'attempt',
    runId: 'run-1',
    file: 'b.txt',
    id,
    attempt: 1,
    promptHash: `sha256:${id}`,
    startedAt: '2025-01-01T00:00:00.000Z',
    finishedAt: '2025-01-01T00:00:01.000Z',
    status: 'passed',
    willRetry: false,
    assertions: [],
    ...over,
  };
}
