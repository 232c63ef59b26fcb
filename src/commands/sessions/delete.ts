import {Flags} from '@oclif/core';
import {BaseCommand} from '../../cli/base-command.js';
import {SESSIONS_EXIT_CODES, sessionsFlags} from '../../cli/sessions-flags.js';

/** `kiro-x sessions delete ID…`: delete saved sessions and say per id what happened. */
export default class SessionsDelete extends BaseCommand {
  static override summary = 'Delete saved kiro-cli sessions by id.';
  static override description = [
    'Every ID must be a session id (a UUID, or sess_<UUID>), checked before anything is deleted. On a terminal it asks first unless --yes; declining deletes nothing, prints "Nothing deleted." on stderr and exits 1 (with --json each id is reported "kept"); without a terminal it refuses unless --yes. Deletes go through kiro-cli (chat --no-interactive --delete-session); a "not found" from kiro-cli after a real delete is detected by looking again.',
    SESSIONS_EXIT_CODES.delete,
  ].join('\n\n');
  static override usage =
    'sessions delete ID... [--cwd <value>] [-y] [--cli-path <value>] [--config <value>] [--json]';
  static override examples = ['<%= config.bin %> sessions delete 607a278f-0d2c-4c6e-9a43-1f2b3c4d5e6f --yes'];
  static override strict = false;
  static override args = {};
  static override flags = {
    cwd: Flags.string({description: 'Directory kiro-cli runs in.'}),
    yes: Flags.boolean({char: 'y', description: 'Delete without asking.'}),
    ...sessionsFlags,
  };

  public async run(): Promise<void> {
    const {argv, flags} = await this.parse(SessionsDelete);
    const {runSessionsDeleteCommand} = await import('../../cli/sessions.js');
    process.exitCode = await runSessionsDeleteCommand(argv as string[], flags);
  }
}
