import {resolveDoctorOptions, type DoctorInput} from '../lib/doctor/options.js';
import {runDoctorReport} from '../lib/doctor/run-doctor-report.js';
import {processIo, type CommandIo} from './command-io.js';
import {givenFlags} from './shared-flags.js';
import {trapSignals} from './signals.js';

/** The flags of `kiro-x doctor` as oclif parses them; the setting flags pass through by name. */
export interface DoctorFlags extends Record<string, unknown> {
  probe?: boolean | undefined;
  'check-timeout'?: string | undefined;
  config?: string | undefined;
}

/** Doctor's resolver input from its flags: the settings given, the config named, its per-run choices. */
export function doctorInput(flags: DoctorFlags, io: Pick<CommandIo, 'env' | 'cwd'>): DoctorInput {
  return {
    flags: givenFlags(flags),
    env: io.env,
    cwd: io.cwd,
    configPath: flags.config,
    probe: flags.probe,
    checkTimeout: flags['check-timeout'],
  };
}

/** `kiro-x doctor`: flags to options, every check, the report on the streams given; returns the exit code. */
export async function runDoctorCommand(flags: DoctorFlags, io: CommandIo = processIo()): Promise<number> {
  const options = await resolveDoctorOptions(doctorInput(flags, io));
  return runDoctorReport(options, {...io, interrupts: trapSignals});
}
