import path from 'node:path';

import {resolveSettings, type ResolveInput} from '../config/resolve.js';
import type {OutputFormat} from '../config/kinds.js';
import {parseDuration} from '../duration.js';
import type {DoctorOptions} from './run-doctor.js';
import type {ConfigReport} from './types.js';

/** What a front end hands doctor: the settings it was given, and doctor's own per-run choices as typed. */
export interface DoctorInput extends Omit<ResolveInput, 'tolerant'> {
  /** `--probe`: also run one real turn. */
  probe?: boolean | undefined;
  /** `--check-timeout` as given, e.g. `3s`. */
  checkTimeout?: string | undefined;
}

/** Everything one doctor run needs: the checks' context and where the report goes. */
export interface DoctorRunOptions extends Omit<DoctorOptions, 'signal'> {
  output: OutputFormat;
  junitFile?: string | undefined;
}

/**
 * Doctor's options from flags > env > config > default. A broken config file, bad `KIRO_X_*` variables or a
 * configured cwd that is missing never throw: they become the config check's failure and are left out. Bad
 * flags (a bad `--cwd` among them) still throw UsageError (exit 2), as for every command.
 */
export async function resolveDoctorOptions(input: DoctorInput): Promise<DoctorRunOptions> {
  const {settings, configFile, problems} = await resolveSettings({...input, tolerant: true});
  const config: ConfigReport =
    problems.length === 0
      ? {ok: true, filepath: configFile}
      : {ok: false, message: problems.join('; '), filepath: configFile};
  const checkTimeoutMs =
    input.checkTimeout === undefined ? undefined : parseDuration(input.checkTimeout, '--check-timeout');
  return {
    cliPath: settings.cliPath,
    cwd: path.resolve(input.cwd, settings.cwd ?? '.'),
    env: input.env,
    agent: settings.agent,
    model: settings.model,
    harness: settings.harness,
    engine: settings.engine,
    mcpConfig: settings.mcpConfig,
    config,
    checkTimeoutMs,
    strict: settings.strict,
    probe: input.probe === true,
    output: settings.output,
    junitFile: settings.junitFile,
  };
}
