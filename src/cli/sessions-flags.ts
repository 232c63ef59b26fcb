import {Flags} from '@oclif/core';

/** Flags every `sessions` sub-command that may call kiro-cli shares. */
export const sessionsFlags = {
  'cli-path': Flags.string({description: 'kiro-cli executable. [default: kiro-cli on PATH]'}),
  config: Flags.string({description: 'Config file to use instead of searching for .kirorc.'}),
  json: Flags.boolean({description: 'Print the result as JSON.'}),
};

/** The exit codes of each sessions command, for its help. */
export const SESSIONS_EXIT_CODES = {
  list: 'Exit codes: 0 listed (also when there are none), 1 kiro-cli failed to list, 2 usage error, 5 kiro-cli is not logged in (only asked when no store exists), 6 kiro-cli not found, 8 kiro-cli gave no answer in time.',
  show: 'Exit codes: 0 shown, 1 no such session or no session store, 2 usage error (an id that is not a session id).',
  delete:
    'Exit codes: 0 every id deleted, 1 some id not deleted (not found, failed, or the confirmation declined), 2 usage error (a bad id, no --yes without a terminal), 5 kiro-cli is not logged in, 6 kiro-cli not found.',
} as const;
