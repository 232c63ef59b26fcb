import {Args, Flags} from '@oclif/core';
import {BaseCommand} from '../../cli/base-command.js';
import {SESSIONS_EXIT_CODES} from '../../cli/sessions-flags.js';

/** `kiro-x sessions show ID`: one conversation from kiro's V2 session store. */
export default class SessionsShow extends BaseCommand {
  static override summary = 'Print one saved conversation: prompts, answers and tool calls in order.';
  static override description = `Reads $KIRO_HOME/sessions/cli/ID.json and ID.jsonl (kiro-cli's V2 engine store). A V1 engine (SQLite) store is reported, not read.\n\n${SESSIONS_EXIT_CODES}`;
  static override examples = ['<%= config.bin %> sessions show 607a278f-0d2c-4c6e-9a43-1f2b3c4d5e6f --json'];
  static override args = {id: Args.string({description: 'Session id (a UUID).', required: true})};
  static override flags = {json: Flags.boolean({description: 'Print the conversation as JSON.'})};

  public async run(): Promise<void> {
    const {args, flags} = await this.parse(SessionsShow);
    const {runSessionsShow} = await import('../../cli/sessions-runner.js');
    process.exitCode = await runSessionsShow(args.id, flags);
  }
}
