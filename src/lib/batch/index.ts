/* kiro-x batch as a library: parse and validate a batch, run it with a ledger, report from ledgers. */
export {batchFormat, parseBatch, type BatchSource} from './parse-batch.js';
export {checkExpectations} from './expectations.js';
export {itemAskOptions, itemPromptHash} from './item-options.js';
export {openLedger, type LedgerWriter} from './ledger-writer.js';
export {readLedger, type LedgerProblem} from './ledger-reader.js';
export {exists, loadLedgers, reportFromLedgers} from './ledger-report.js';
export {ReportBuilder, summarize, summaryExitCode, totalsOf} from './report-builder.js';
export {renderBatchJunit} from './render-junit.js';
export {itemLine, renderBatchText} from './render-text.js';
export {backoffDelay, DEFAULT_BACKOFF, isTransient, type Backoff} from './retry-policy.js';
export {parseShard, selectShard, type Shard} from './shard.js';
export {runBatch, type BatchRun, type RunBatchOptions} from './run-batch.js';
export type {Selection} from './select-items.js';
export * from './types.js';
