import type {CliVersion} from '../engine/cli-version.js';
import type {Harness} from '../engine/harness.js';
import type {EngineName} from '../engine/turn.js';
import type {WhoamiResult} from '../engine/whoami.js';

/** How one check ended: `skip` means it could not be judged (and says why), which never fails a run. */
export const CHECK_STATUSES = ['pass', 'warn', 'fail', 'skip'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** A check's verdict before the runner adds its id and duration. */
export interface CheckVerdict {
  status: CheckStatus;
  /** One line saying what was found. */
  message: string;
  /** The next step for anything not passing; null when passing. */
  fix: string | null;
}

/** One check as reported. */
export interface CheckResult extends CheckVerdict {
  id: string;
  title: string;
  durationMs: number;
}

/** The whole `kiro-x doctor` report (the `--json` document). */
export interface DoctorResult {
  schemaVersion: 1;
  /** No check failed (and, with `strict`, none warned). */
  ok: boolean;
  strict: boolean;
  durationMs: number;
  summary: Record<CheckStatus, number>;
  checks: CheckResult[];
}

/** The config file as doctor found it: loaded, absent, or broken (a broken one is a failing check). */
export type ConfigReport =
  {ok: true; filepath: string | null} | {ok: false; message: string; filepath: string | null};

/** The kiro-cli doctor runs: where `cliPath` resolved (null: nowhere) and what `--version` said there. */
export interface LocatedCli {
  where: string | null;
  version: CliVersion | null;
}

/** Everything the checks read: plain data, so each check is testable without the CLI. */
export interface DoctorContext {
  cliPath: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  agent: string | undefined;
  model: string | undefined;
  /** The pinned harness (`--harness`, `harness`, KIRO_X_HARNESS), or undefined when kiro-cli chooses. */
  harness: Harness | undefined;
  /** The engine turns will run on (`--engine`, `engine`, KIRO_X_ENGINE): `acp` adds the ACP handshake check. */
  engine: EngineName;
  /** `mcpConfig` from flags/env/config, when set. */
  mcpConfig: string | undefined;
  config: ConfigReport;
  /** Bound on each check that talks to kiro-cli, in ms. */
  checkTimeoutMs: number;
  nodeVersion: string;
  /** Aborted when a check's bound is reached, so its kiro-cli process ends with it. */
  signal: AbortSignal;
  /** The one bounded `kiro-cli whoami`, shared by the checks that depend on the credential. */
  credential: () => Promise<WhoamiResult>;
  /** The one bounded `kiro-cli --version`, shared by the checks that depend on the version. */
  cliVersion: () => Promise<LocatedCli>;
  /** Bound on the `--probe` turn, in ms. */
  probeTimeoutMs: number;
}

/** One doctor check: an id, a title and a function. */
export interface DoctorCheck {
  id: string;
  title: string;
  run(context: DoctorContext): Promise<CheckVerdict>;
  /** The check's own bound when it is not `checkTimeoutMs` (the probe runs a whole turn). */
  boundMs?(context: DoctorContext): number;
}

/** Shorthands for building verdicts. */
export const pass = (message: string): CheckVerdict => ({status: 'pass', message, fix: null});
export const warn = (message: string, fix: string): CheckVerdict => ({status: 'warn', message, fix});
export const fail = (message: string, fix: string): CheckVerdict => ({status: 'fail', message, fix});
export const skip = (message: string, fix: string | null = null): CheckVerdict => ({
  status: 'skip',
  message,
  fix,
});
