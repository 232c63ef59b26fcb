import type {AskOptions} from '../ask/options.js';
import {itemPromptHash} from './item-options.js';
import type {ReportBuilder} from './report-builder.js';
import type {BatchItem, ItemReport} from './types.js';

/** Which items a run starts: all, those without a passing record (`--resume`), or those that failed. */
export type Selection = 'all' | 'resume' | 'retry-failed';

/** An item to run, the options of its turn and the hash its records carry. */
export interface PlannedItem {
  item: BatchItem;
  options: AskOptions;
  promptHash: string;
}

/** The items a run starts, how many the selection left out, and a report for an item with no record at all. */
export interface Plan {
  run: PlannedItem[];
  notSelected: number;
  placeholder(item: BatchItem): ItemReport;
}

/**
 * Decide what to run. `resume` skips an item whose latest record has the same prompt hash and passed;
 * `retry-failed` runs only items whose latest record failed or errored (whatever their hash).
 */
export async function planItems(
  items: readonly BatchItem[],
  optionsOf: (item: BatchItem) => Promise<AskOptions>,
  file: string,
  previous: ReportBuilder,
  selection: Selection,
): Promise<Plan> {
  const run: PlannedItem[] = [];
  const hashes = new Map<string, string>();
  for (const item of items) {
    const options = await optionsOf(item);
    const promptHash = itemPromptHash(options);
    hashes.set(item.id, promptHash);
    const latest = previous.get(file, item.id);
    if (selection === 'resume' && latest?.status === 'passed' && latest.promptHash === promptHash) continue;
    if (selection === 'retry-failed' && latest?.status !== 'failed' && latest?.status !== 'error') continue;
    run.push({item, options, promptHash});
  }
  return {
    run,
    notSelected: items.length - run.length,
    placeholder: (item) => ({
      id: item.id,
      status: 'skipped',
      outcome: null,
      message: 'never run: --retry-failed runs only items whose latest record failed',
      text: '',
      attempts: 0,
      credits: null,
      durationMs: 0,
      assertions: [],
      skipReason: 'never run: --retry-failed runs only items whose latest record failed',
      causedByFailure: false,
      runId: '',
      promptHash: hashes.get(item.id) ?? '',
      startedAt: null,
      finishedAt: new Date().toISOString(),
      stderrTail: '',
    }),
  };
}
