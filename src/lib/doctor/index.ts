/* `kiro-x doctor` as a library: settings that survive a broken config, the checks, the runner, the renderers. */
export {ACP_CHECKS, ALL_CHECKS} from './checks.js';
export {DEFAULT_CHECK_TIMEOUT_MS, runDoctor, type DoctorOptions} from './run-doctor.js';
export {resolveDoctorOptions, type DoctorInput, type DoctorRunOptions} from './options.js';
export {runDoctorReport, type DoctorIo} from './run-doctor-report.js';
export {renderDoctorText} from './render-text.js';
export {doctorToJunit, DOCTOR_SUITE_NAME, renderDoctorJunit} from './render-junit.js';
export {
  CHECK_STATUSES,
  type CheckResult,
  type CheckStatus,
  type CheckVerdict,
  type ConfigReport,
  type DoctorCheck,
  type DoctorContext,
  type DoctorResult,
} from './types.js';
