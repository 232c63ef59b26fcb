import {oneLine} from '../output/shorten.js';
import type {SpooledAsk} from './ask.js';
import type {AskResult} from './result.js';

/** Longest answer copied into JUnit `<system-out>`; CI report viewers choke on more, and JSON has it all. */
export const JUNIT_ANSWER_CHARS = 1024 * 1024;

/** JUnit report of one ask result, the testcase named after the prompt (loaded only when JUnit is wanted). */
export async function renderAskJunit(result: AskResult, prompt: string): Promise<string> {
  const [{askResultToJunit}, {renderJunit}] = await Promise.all([
    import('../output/ask-junit.js'),
    import('../output/junit.js'),
  ]);
  return renderJunit([askResultToJunit(result, {name: oneLine(prompt, 80) || 'kiro-x ask'})]);
}

/** The answer as JUnit carries it: whole up to a size, else its start and a note saying how much was left out. */
export function answerForJunit({result, texts}: Pick<SpooledAsk, 'result' | 'texts'>): AskResult {
  const last = texts.messages.at(-1);
  if (!last) return result;
  const cut = last.length - JUNIT_ANSWER_CHARS;
  const note = cut > 0 ? `\n[… ${cut} more characters: the whole answer is in the --json output]` : '';
  return {...result, text: last.head(JUNIT_ANSWER_CHARS) + note};
}
