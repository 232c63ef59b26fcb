import {Args, Flags} from '@oclif/core';
import {BaseCommand} from '../../cli/base-command.js';
import {SESSIONS_EXIT_CODES} from '../../cli/sessions-flags.js';

/** `kiro-x sessions show ID`: one conversation from kiro-cli's session stores. */
export default class SessionsShow extends BaseCommand {
  static override summary = 'Print one saved conversation: prompts, answers and tool calls in order.';
  static override description = [
    "Reads $KIRO_HOME/sessions/cli/ID.json and ID.jsonl (V2 engine) or the V3 harness's sessions/<bucket>/ID directory (ids sess_<UUID>). Tool calls are shown with their purpose or command, status and (bounded) output; the model's thinking only with --thinking; its subagent sessions after it. A V1 engine (SQLite) store is reported, not read. The prompt history file (ID.history) is never read.",
    SESSIONS_EXIT_CODES.show,
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> sessions show 607a278f-0d2c-4c6e-9a43-1f2b3c4d5e6f',
    '<%= config.bin %> sessions show sess_607a278f-0d2c-4c6e-9a43-1f2b3c4d5e6f --json --thinking',
  ];
  static override args = {
    id: Args.string({description: 'Session id (a UUID, or sess_<UUID> for the V3 harness).', required: true}),
  };
  static override flags = {
    json: Flags.boolean({description: 'Print the conversation as JSON.'}),
    thinking: Flags.boolean({description: "Include the model's thinking."}),
  };

  public async run(): Promise<void> {
    const {args, flags} = await this.parse(SessionsShow);
    const {runSessionShowCommand} = await import('../../cli/sessions.js');
    process.exitCode = await runSessionShowCommand(args.id, flags);
  }
}
