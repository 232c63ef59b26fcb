import {renderJunit, type JunitCase, type JunitResult, type JunitSuite} from '../output/junit.js';
import type {CheckResult, DoctorResult} from './types.js';

/** The testsuite name of every doctor report. */
export const DOCTOR_SUITE_NAME = 'kiro-x doctor';

function resultOf(check: CheckResult, strict: boolean): JunitResult {
  const details = check.fix === null ? undefined : `fix: ${check.fix}`;
  const withDetails = (r: JunitResult): JunitResult =>
    details === undefined || r.kind === 'pass' ? r : {...r, details};
  if (check.status === 'fail' || (check.status === 'warn' && strict)) {
    return withDetails({kind: 'failure', type: check.status, message: check.message});
  }
  if (check.status === 'skip') return withDetails({kind: 'skipped', message: check.message});
  return {kind: 'pass'};
}

/** A doctor run as one suite: a testcase per check, failures (and warnings under --strict) as `<failure>`. */
export function doctorToJunit(result: DoctorResult): JunitSuite {
  const cases = result.checks.map((check): JunitCase => {
    const testcase: JunitCase = {
      name: check.id,
      classname: 'kiro-x.doctor',
      timeMs: check.durationMs,
      result: resultOf(check, result.strict),
    };
    // A warning that does not fail still reaches the report, where CI users look.
    if (check.status === 'pass') testcase.systemOut = check.message;
    if (check.status === 'warn' && !result.strict) {
      testcase.systemOut = `warning: ${check.message}${check.fix === null ? '' : `\nfix: ${check.fix}`}`;
    }
    return testcase;
  });
  return {name: DOCTOR_SUITE_NAME, timeMs: result.durationMs, cases};
}

/** The JUnit report of a doctor run: its one suite. */
export function renderDoctorJunit(result: DoctorResult): string {
  return renderJunit([doctorToJunit(result)], {name: DOCTOR_SUITE_NAME});
}
