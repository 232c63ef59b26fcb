import {Flags} from '@oclif/core';
import {BaseCommand} from '../../cli/base-command.js';
import {SESSIONS_EXIT_CODES, sessionsFlags} from '../../cli/sessions-flags.js';

/** `kiro-x sessions list`: saved kiro-cli conversations, newest first. */
export default class SessionsList extends BaseCommand {
  static override summary = 'List saved kiro-cli sessions of a directory (or all), newest first.';
  static override description = `Asks kiro-cli (chat --list-sessions -f json, or its plain list on older builds) for the sessions of --cwd (default: the current directory); --all reads every directory's sessions from the V2 store ($KIRO_HOME/sessions/cli).\n\n${SESSIONS_EXIT_CODES}`;
  static override examples = [
    '<%= config.bin %> sessions list',
    '<%= config.bin %> sessions list --cwd ../service --json',
    '<%= config.bin %> sessions list --all',
  ];
  static override flags = {
    cwd: Flags.string({description: 'Directory whose sessions to list.', exclusive: ['all']}),
    all: Flags.boolean({description: 'Every directory, read from the V2 session store.', exclusive: ['cwd']}),
    ...sessionsFlags,
  };

  public async run(): Promise<void> {
    const {flags} = await this.parse(SessionsList);
    const {runSessionsList} = await import('../../cli/sessions-runner.js');
    process.exitCode = await runSessionsList(flags);
  }
}
