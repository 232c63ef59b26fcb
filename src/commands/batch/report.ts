import {Args} from '@oclif/core';
import {BaseCommand} from '../../cli/base-command.js';
import {outputFlags} from '../../cli/shared-flags.js';

/** `kiro-x batch report LEDGER…`: the batch reports rebuilt from ledgers, nothing run. */
export default class BatchReport extends BaseCommand {
  static override summary = 'Rebuild batch reports from one or many ledgers without running anything.';
  static override description = [
    'Takes the latest record of each item over all ledgers (e.g. the shards of a CI matrix) and prints the same text, JSON or JUnit summary "kiro-x batch" prints. Ledgers without any record are nothing to report, which is not a success.',
    "Exit codes: 0 every item passed, 1 a failure, error or fail-fast skip, or nothing to report, 2 usage error (also a file that is not a ledger), 10 an item met kiro-cli's usage limit.",
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> batch report kiro-x-results.jsonl',
    '<%= config.bin %> batch report shards/*.jsonl -o junit > kiro.xml',
  ];
  static override strict = false;
  static override args = {
    ledger: Args.string({description: 'Ledger files (JSON Lines) written by kiro-x batch.', required: true}),
  };
  static override flags = {...outputFlags};

  public async run(): Promise<void> {
    const {argv, flags} = await this.parse(BatchReport);
    const {runBatchReportCommand} = await import('../../cli/batch-report.js');
    process.exitCode = await runBatchReportCommand(argv as string[], flags);
  }
}
