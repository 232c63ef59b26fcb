import {Flags} from '@oclif/core';
import {BaseCommand} from '../../cli/base-command.js';
import {SESSIONS_EXIT_CODES, sessionsFlags} from '../../cli/sessions-flags.js';

/** `kiro-x sessions delete ID…`: delete saved sessions and say per id what happened. */
export default class SessionsDelete extends BaseCommand {
  static override summary = 'Delete saved kiro-cli sessions by id.';
  static override description = `Every id must be a UUID (checked before anything is deleted). On a terminal it asks first unless --yes; without a terminal it refuses unless --yes. A "not found" from kiro-cli after a real delete is detected by listing again.\n\n${SESSIONS_EXIT_CODES}`;
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
    const {runSessionsDelete} = await import('../../cli/sessions-runner.js');
    process.exitCode = await runSessionsDelete(argv as string[], flags);
  }
}
