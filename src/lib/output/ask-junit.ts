import type {AskResult} from '../ask/result.js';
import type {JunitResult, JunitSuite} from './junit.js';

/** The testsuite name of every `kiro-x ask` report. */
export const ASK_SUITE_NAME = 'kiro-x ask';

/** The classname of the one testcase of an `ask` report. */
export const ASK_CLASSNAME = 'kiro-x.ask';

function resultOf(result: AskResult): JunitResult {
  if (result.outcome === 'completed') return {kind: 'pass'};
  // `failed` is the turn going wrong; every other outcome means the turn could not run or was cut short.
  const kind = result.outcome === 'failed' ? 'failure' : 'error';
  const out: JunitResult = {kind, type: result.outcome, message: result.message};
  return result.stderrTail === '' ? out : {...out, details: result.stderrTail};
}

function propertiesOf(result: AskResult): Record<string, string> {
  const facts: Record<string, string | number | null> = {
    outcome: result.outcome,
    exitCode: result.exitCode,
    signal: result.signal,
    credits: result.credits,
    kiroTimeMs: result.kiroTimeMs,
    durationMs: result.durationMs,
    model: result.model,
    agent: result.agent,
    sessionId: result.sessionId,
    resumed: result.resumed === null ? null : String(result.resumed),
  };
  // Unknown facts are left out rather than written as an empty or "null" value.
  return Object.fromEntries(
    Object.entries(facts).flatMap(([key, value]) => (value === null ? [] : [[key, String(value)]])),
  );
}

/** One `kiro-x ask` turn as a one-case suite: completed passes, `failed` is a failure, anything else an error. */
export function askResultToJunit(result: AskResult, opts: {name: string}): JunitSuite {
  const testcase: JunitSuite['cases'][number] = {
    name: opts.name,
    classname: ASK_CLASSNAME,
    timeMs: result.durationMs,
    result: resultOf(result),
  };
  if (result.text !== '') testcase.systemOut = result.text;
  if (result.warnings.length > 0) testcase.systemErr = result.warnings.join('\n');
  return {
    name: ASK_SUITE_NAME,
    timeMs: result.durationMs,
    properties: propertiesOf(result),
    cases: [testcase],
  };
}
