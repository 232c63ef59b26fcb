import type {Outcome} from '../outcomes.js';
import {renderJunit} from './junit.js';

/**
 * The JUnit report of a command that stopped before it had anything to report (a usage error, a missing
 * kiro-cli): one suite, one errored test case, so CI shows why instead of "no test results".
 */
export function failureJunit(name: string, outcome: Outcome, message: string): string {
  const classname = name.replace(/\s+/g, '.');
  return renderJunit(
    [
      {
        name,
        cases: [{name, classname, timeMs: 0, result: {kind: 'error', type: outcome, message}}],
      },
    ],
    {name},
  );
}
