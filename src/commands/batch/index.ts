import {Args, Flags} from '@oclif/core';
import {BaseCommand} from '../../cli/base-command.js';
import {outputFlags, runFlags} from '../../cli/shared-flags.js';

/** `kiro-x batch FILE`: every prompt of a file as its own turn, with a ledger and CI reports. */
export default class Batch extends BaseCommand {
  static override summary = 'Run every prompt of a file as its own kiro-cli turn and report to CI.';
  static override description = [
    'FILE is .txt (a prompt per line), .jsonl, .json (array) or .yaml/.yml (list); "-" reads stdin in the --format given. Item fields override the flags. Each finished attempt is appended to the ledger (--results), so --resume and "kiro-x batch report" work after an interruption, even a kill.',
    "Exit codes: 0 every item passed, 1 a failure, error or fail-fast skip, or nothing to report (a --shard with no item), 2 usage error, 10 stopped by kiro-cli's usage limit, 130/143 interrupted.",
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> batch prompts.txt -j 8 --junit-file reports/kiro.xml',
    '<%= config.bin %> batch evals.yaml --retries 2 --max-credits 50 --json',
    '<%= config.bin %> batch evals.jsonl --shard 2/4 --results out/shard-2.jsonl',
    '<%= config.bin %> batch evals.jsonl --resume',
  ];
  static override args = {
    file: Args.string({description: 'Batch file; "-" reads stdin (needs --format).', required: true}),
  };
  static override flags = {
    ...runFlags,
    concurrency: Flags.string({
      char: 'j',
      description: 'Turns run at once. [default: 4]',
      helpGroup: 'BATCH',
    }),
    retries: Flags.string({
      description: 'Extra attempts for transient outcomes, with exponential backoff. [default: 0]',
      helpGroup: 'BATCH',
    }),
    'fail-fast': Flags.boolean({description: 'Start no item after the first failure.', helpGroup: 'BATCH'}),
    'max-credits': Flags.string({
      description: 'Start no item once the credits reported reach this.',
      helpGroup: 'BATCH',
    }),
    shard: Flags.string({description: 'Run only slice I of N (e.g. 2/4).', helpGroup: 'BATCH'}),
    format: Flags.string({
      description: 'Input format (required for stdin).',
      options: ['txt', 'jsonl', 'json', 'yaml', 'yml'],
      helpGroup: 'BATCH',
    }),
    results: Flags.string({
      description: 'Ledger file (JSON Lines). [default: kiro-x-results.jsonl next to FILE]',
      helpGroup: 'LEDGER',
    }),
    resume: Flags.boolean({
      description: 'Skip items whose latest ledger record (same id and prompt hash) passed.',
      exclusive: ['retry-failed'],
      helpGroup: 'LEDGER',
    }),
    'retry-failed': Flags.boolean({
      description: 'Run only items whose latest ledger record failed.',
      exclusive: ['resume'],
      helpGroup: 'LEDGER',
    }),
    ...outputFlags,
  };

  public async run(): Promise<void> {
    const {args, flags} = await this.parse(Batch);
    // Imported here, not at the top, so `--help` never loads the runner.
    const {runBatchCommand} = await import('../../cli/batch.js');
    process.exitCode = await runBatchCommand(args.file, flags);
  }
}
