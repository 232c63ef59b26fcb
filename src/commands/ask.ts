import {Args, Flags} from '@oclif/core';
import {BaseCommand} from '../cli/base-command.js';
import {askOutputFlags, runFlags, sessionFlags} from '../cli/shared-flags.js';
import {askFailureDocument, askFailureJunit} from '../cli/ask-failure.js';
import type {Outcome} from '../lib/outcomes.js';

/** `kiro-x ask`: one kiro-cli turn with an honest result and exit code. */
export default class Ask extends BaseCommand {
  static override summary = 'Run one kiro-cli turn and report honestly how it went.';
  static override description = [
    'The prompt is the argument, stdin (no argument or "-"), or --prompt-file.',
    'Exit codes: 0 completed, 1 failed, 2 usage error, 3 MCP start-up failed, 4 agent not found, 5 auth failed, 6 kiro-cli not found, 7 kiro-cli rejected a flag, 8 timed out, 9 stalled, 10 usage limit reached, 130/143 cancelled by SIGINT/SIGTERM; on the ACP engine also 11 the model refused, 12 output token limit, 13 model request limit of the turn, 14 a permission denied in --permission-mode fail, 15 the session to resume could not be loaded.',
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> ask "Summarise README.md" --json',
    '$ git diff | <%= config.bin %> ask --trust-tools read,grep --timeout 10m',
    '<%= config.bin %> ask --prompt-file task.md --system-prompt "Answer in one line." --tools read -o junit',
    '<%= config.bin %> ask "Fix the failing test" --trust-tools read,write -o stream-json | jq -c \'select(.type == "tool_call")\'',
  ];
  static override args = {
    // kiro-x reads stdin itself: oclif's own stdin fallback gives up after 10 ms and trims the text.
    prompt: Args.string({
      description: 'The prompt; "-" or nothing reads stdin.',
      required: false,
      ignoreStdin: true,
    }),
  };
  static override flags = {
    'prompt-file': Flags.string({description: 'Read the prompt from this file.', helpGroup: 'RUN'}),
    ...runFlags,
    ...sessionFlags,
    ...askOutputFlags,
  };

  protected override failureDocument(outcome: Outcome, message: string): unknown {
    return askFailureDocument(outcome, message);
  }

  protected override async failureJunit(outcome: Outcome, message: string): Promise<string> {
    return askFailureJunit(outcome, message);
  }

  public async run(): Promise<void> {
    const {args, flags} = await this.parse(Ask);
    // Imported here, not at the top, so `--help` and `--version` never load the use case.
    const {runAskCommand} = await import('../cli/ask.js');
    process.exitCode = await runAskCommand({promptArg: args.prompt, promptFile: flags['prompt-file'], flags});
  }
}
