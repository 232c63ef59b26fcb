import {Flags} from '@oclif/core';

/** Flags every `sessions` sub-command that calls kiro-cli shares. */
export const sessionsFlags = {
  'cli-path': Flags.string({description: 'kiro-cli executable. [default: kiro-cli on PATH]'}),
  config: Flags.string({description: 'Config file to use instead of searching for .kirorc.'}),
  json: Flags.boolean({description: 'Print the result as JSON.'}),
};

/** The exit codes of the sessions commands, for their help. */
export const SESSIONS_EXIT_CODES =
  'Exit codes: 0 ok, 1 failed (e.g. id not found, delete failed), 2 usage error (bad id, no --yes without a TTY), 6 kiro-cli not found.';
