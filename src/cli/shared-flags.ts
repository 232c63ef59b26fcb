import {Flags} from '@oclif/core';
import {EFFORTS, ENGINES, PERMISSION_MODES} from '../lib/engine/turn.js';
import {OUTPUT_FORMATS} from '../lib/config/kinds.js';

/** Flags that shape a kiro-cli turn; shared by `ask` and `batch`. Defaults live in the config resolver. */
export const runFlags = {
  model: Flags.string({description: 'Model id passed to kiro-cli --model.', helpGroup: 'RUN'}),
  effort: Flags.string({
    description:
      'Reasoning effort passed to kiro-cli --effort; kiro-cli saves it as your default for that model.',
    options: [...EFFORTS],
    helpGroup: 'RUN',
  }),
  agent: Flags.string({
    description: 'Existing kiro agent: the "name" inside its JSON (base of a generated profile).',
    helpGroup: 'RUN',
  }),
  harness: Flags.string({
    description:
      "Pin kiro-cli's harness (--v2 needs kiro-cli 3.0, --v3 2.8; 2.x runs v2 without a flag). [default: kiro-cli's choice]",
    options: ['v2', 'v3'],
    helpGroup: 'RUN',
  }),
  engine: Flags.string({
    description:
      'How kiro-x talks to kiro-cli: headless (the chat transcript) or acp (the Agent Client Protocol: declared outcomes, permissions answered by kiro-x, one process per batch worker). [default: headless]',
    options: [...ENGINES],
    helpGroup: 'RUN',
  }),
  'permission-mode': Flags.string({
    description:
      'acp: what happens to a permission request no trust flag covers: deny it and go on, fail the turn, or ask on a terminal (deny without one). [default: deny]',
    options: [...PERMISSION_MODES],
    helpGroup: 'TRUST',
  }),
  cwd: Flags.string({description: 'Working directory of the turn.', helpGroup: 'RUN'}),
  'cli-path': Flags.string({
    description: 'kiro-cli executable. [default: kiro-cli on PATH]',
    helpGroup: 'RUN',
  }),
  'trust-all-tools': Flags.boolean({
    description: 'Let kiro-cli run every tool without asking.',
    exclusive: ['trust-tools'],
    helpGroup: 'TRUST',
  }),
  'trust-tools': Flags.string({
    description:
      'Comma-separated tools kiro-cli may also run without asking. Without a trust flag, read, grep and glob inside the working directory still run; everything else is refused headless (--no-tools: nothing runs).',
    exclusive: ['trust-all-tools'],
    helpGroup: 'TRUST',
  }),
  'system-prompt': Flags.string({
    description: 'System prompt of a generated agent profile.',
    exclusive: ['system-prompt-file'],
    helpGroup: 'PROFILE',
  }),
  'system-prompt-file': Flags.string({
    description: 'File holding the system prompt of a generated agent profile.',
    exclusive: ['system-prompt'],
    helpGroup: 'PROFILE',
  }),
  tools: Flags.string({
    description: 'Comma-separated tools the profile makes available.',
    exclusive: ['no-tools'],
    helpGroup: 'PROFILE',
  }),
  'no-tools': Flags.boolean({
    description: 'Generate a profile with no tools at all: nothing runs, not even reads.',
    exclusive: ['tools', 'allow-tools'],
    helpGroup: 'PROFILE',
  }),
  'allow-tools': Flags.string({
    description: 'Comma-separated tools the profile auto-approves.',
    exclusive: ['no-tools'],
    helpGroup: 'PROFILE',
  }),
  resource: Flags.string({
    description: 'File glob added to the profile as a file:// resource (repeatable).',
    multiple: true,
    helpGroup: 'PROFILE',
  }),
  'mcp-config': Flags.string({
    description: 'JSON file with "mcpServers" for the profile.',
    helpGroup: 'PROFILE',
  }),
  'allow-command': Flags.string({
    description: 'Regex of shell commands the profile allows (repeatable).',
    multiple: true,
    helpGroup: 'PROFILE',
  }),
  'deny-command': Flags.string({
    description: 'Regex of shell commands the profile denies (repeatable).',
    multiple: true,
    helpGroup: 'PROFILE',
  }),
  'allow-path': Flags.string({
    description: 'Glob of paths the write tool may change (repeatable).',
    multiple: true,
    helpGroup: 'PROFILE',
  }),
  'keep-profile': Flags.boolean({
    description: 'Keep the generated profile and print its path.',
    helpGroup: 'PROFILE',
  }),
  timeout: Flags.string({
    description: 'Time limit of the turn, e.g. 90s, 10m. [default: 30m]',
    helpGroup: 'RUN',
  }),
  'stall-timeout': Flags.string({
    description: 'Stop when kiro-cli prints nothing for this long; 0 disables. [default: 5m]',
    helpGroup: 'RUN',
  }),
  config: Flags.string({
    description: 'Config file to use instead of searching for .kirorc.',
    helpGroup: 'RUN',
  }),
};

/** Flags that continue a saved conversation or control the session-id lookup (`ask`); per run, never config. */
export const sessionFlags = {
  resume: Flags.boolean({
    description: 'Continue the latest conversation of the working directory (resumed says whether it did).',
    exclusive: ['resume-id'],
    helpGroup: 'SESSION',
  }),
  'resume-id': Flags.string({
    description:
      'Continue the conversation with this session id (a UUID, or sess_<UUID>; kiro-cli 2.2+); resumed says whether it did.',
    exclusive: ['resume'],
    helpGroup: 'SESSION',
  }),
  'no-session-id': Flags.boolean({
    description: "Do not look at kiro-cli's sessions around the turn (no sessionId, no resumed).",
    helpGroup: 'SESSION',
  }),
};

/** Output flags shared by every command that renders a result. */
export const outputFlags = {
  output: Flags.string({
    char: 'o',
    description: 'Output format. [default: text]',
    options: ['text', 'json', 'junit'],
    helpGroup: 'OUTPUT',
  }),
  json: Flags.boolean({
    description: 'Shortcut for --output json.',
    exclusive: ['output'],
    helpGroup: 'OUTPUT',
  }),
  'junit-file': Flags.string({description: 'Also write a JUnit report to this file.', helpGroup: 'OUTPUT'}),
};

/** `ask`'s output flags: its turn can also stream its events (`stream-json`). */
export const askOutputFlags = {
  ...outputFlags,
  output: Flags.string({
    char: 'o',
    description:
      'Output format; stream-json prints one JSON event per line as the turn happens, then the --json document. [default: text]',
    options: [...OUTPUT_FORMATS],
    helpGroup: 'OUTPUT',
  }),
};

// Settings from parsed flags live apart from the flag tables, so a front end can use them without loading oclif.
export {
  askCliSettings,
  cliSettings,
  givenFlags,
  junitFileFromArgv,
  outputModeFromArgv,
  type DocumentSettings,
} from './flag-settings.js';
