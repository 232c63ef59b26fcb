import {Flags} from '@oclif/core';
import {BaseCommand} from '../cli/base-command.js';
import {outputFlags} from '../cli/shared-flags.js';
import {ENGINES} from '../lib/engine/turn.js';

/** `kiro-x doctor`: every preflight check at once, each bounded, with a fix for anything not passing. */
export default class Doctor extends BaseCommand {
  static override summary = 'Check that kiro-cli, its credential and the kiro-x setup will work headless.';
  static override description = [
    'Runs every check concurrently, each within --check-timeout, and reports pass, warn, fail or skip with a one-line explanation and a fix. A broken config file is a failing check, never a crash.',
    "With --engine acp (or `engine: acp` in .kirorc, KIRO_X_ENGINE=acp) an acp check starts kiro-cli acp as a turn would and reports, within --check-timeout, the ACP protocol version, the agent and its version, whether it offers session/load (needed by --resume), and whether a session opens (a missing login fails here). The process is always ended and the session is created in a temporary directory, never the project's.",
    'kiro-cli whoami does not prove a credential works (a rejected key, an expired login or an account without a subscription all pass it): --probe adds one minimal real turn that does, at the cost of a fraction of a credit.',
    'Exit codes: 0 nothing failed (warnings allowed unless --strict), 1 a check failed, 2 usage error.',
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> doctor',
    '<%= config.bin %> doctor --agent reviewer --model claude-sonnet-4.5 --strict',
    '<%= config.bin %> doctor --engine acp --harness v3',
    '<%= config.bin %> doctor --probe --output junit --junit-file reports/doctor.xml',
  ];
  static override flags = {
    'cli-path': Flags.string({description: 'kiro-cli executable. [default: kiro-cli on PATH]'}),
    agent: Flags.string({description: 'Agent NAME to check (default: from .kirorc / KIRO_X_AGENT).'}),
    model: Flags.string({description: 'Model id to check (default: from .kirorc / KIRO_X_MODEL).'}),
    harness: Flags.string({
      description:
        'Harness to check as pinned (default: from .kirorc / KIRO_X_HARNESS; unset: kiro-cli chooses).',
      options: ['v2', 'v3'],
    }),
    engine: Flags.string({
      description:
        'Engine to check for: acp adds the kiro-cli acp handshake check (default: from .kirorc / KIRO_X_ENGINE; headless).',
      options: [...ENGINES],
    }),
    probe: Flags.boolean({
      description:
        'Also run one minimal real turn (no tools, 30 s bound) to prove the credential works; costs a fraction of a credit.',
    }),
    cwd: Flags.string({description: 'Working directory to check (agents, profile directory).'}),
    config: Flags.string({description: 'Config file to use instead of searching for .kirorc.'}),
    strict: Flags.boolean({description: 'Treat warnings as failures.'}),
    'check-timeout': Flags.string({
      description: 'Bound on each check that calls kiro-cli, e.g. 3s. [default: 5s]',
    }),
    ...outputFlags,
  };

  public async run(): Promise<void> {
    const {flags} = await this.parse(Doctor);
    // Imported here, not at the top, so `--help` never loads the checks.
    const {runDoctorCommand} = await import('../cli/doctor.js');
    process.exitCode = await runDoctorCommand(flags);
  }
}
