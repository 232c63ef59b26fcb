import {emptyResult} from '../lib/ask/empty-result.js';
import {askDocument} from '../lib/ask/result.js';
import type {Outcome} from '../lib/outcomes.js';

/** The `--json` document of an `ask` that failed before its turn: the result shape, with no turn in it. */
export function askFailureDocument(outcome: Outcome, message: string): unknown {
  return askDocument(emptyResult(outcome, message));
}

/** The JUnit report of an `ask` that failed before its turn. */
export async function askFailureJunit(outcome: Outcome, message: string): Promise<string> {
  const {renderAskJunit} = await import('../lib/ask/junit.js');
  return renderAskJunit(emptyResult(outcome, message), 'kiro-x ask');
}
