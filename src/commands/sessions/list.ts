import {Flags} from '@oclif/core';
import {BaseCommand} from '../../cli/base-command.js';
import {SESSIONS_EXIT_CODES, sessionsFlags} from '../../cli/sessions-flags.js';

/** `kiro-x sessions list`: saved kiro-cli conversations, newest first. */
export default class SessionsList extends BaseCommand {
  static override summary = 'List saved kiro-cli sessions of a directory (or all), newest first.';
  static override description = [
    "Reads kiro-cli's session stores under $KIRO_HOME/sessions (the V2 engine's sessions/cli and the V3 harness's buckets): no login and no kiro-cli process needed. Subagent sessions are counted under their parent, never listed on their own; a session whose lock names a live kiro-cli process is shown as active. Where no store exists yet it asks kiro-cli (chat --no-interactive --list-sessions). On a terminal times are relative (\"3 minutes ago\"); --json keeps ISO times.",
    SESSIONS_EXIT_CODES.list,
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> sessions list',
    '<%= config.bin %> sessions list --cwd ../service --json',
    '<%= config.bin %> sessions list --all',
  ];
  static override flags = {
    cwd: Flags.string({description: 'Directory whose sessions to list.', exclusive: ['all']}),
    all: Flags.boolean({
      description: "Every directory's sessions, from the session stores.",
      exclusive: ['cwd'],
    }),
    ...sessionsFlags,
  };

  public async run(): Promise<void> {
    const {flags} = await this.parse(SessionsList);
    const {runSessionsListCommand} = await import('../../cli/sessions.js');
    process.exitCode = await runSessionsListCommand(flags);
  }
}
