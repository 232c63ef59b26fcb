import {oneLine} from '../output/shorten.js';
import type {AssertionResult, Expectations} from './types.js';

const SHOWN = 120;
const got = (text: string): string => (text === '' ? 'an empty answer' : `"${oneLine(text, SHOWN)}"`);
const quote = (text: string): string => `"${oneLine(text, SHOWN)}"`;

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Check an answer against an item's expectations; one result per expectation (each `contains` entry apart). */
export function checkExpectations(expect: Expectations | undefined, text: string): AssertionResult[] {
  if (expect === undefined) return [];
  const results: AssertionResult[] = [];
  for (const needle of expect.contains ?? []) {
    const passed = text.includes(needle);
    results.push({
      kind: 'contains',
      passed,
      message: passed
        ? `contains ${quote(needle)}`
        : `expected the answer to contain ${quote(needle)}, got ${got(text)}`,
    });
  }
  for (const needle of expect.notContains ?? []) {
    const passed = !text.includes(needle);
    results.push({
      kind: 'notContains',
      passed,
      message: passed
        ? `does not contain ${quote(needle)}`
        : `expected the answer not to contain ${quote(needle)}, got ${got(text)}`,
    });
  }
  if (expect.matches !== undefined) {
    const passed = new RegExp(expect.matches).test(text);
    const pattern = `/${expect.matches}/`;
    results.push({
      kind: 'matches',
      passed,
      message: passed ? `matches ${pattern}` : `expected the answer to match ${pattern}, got ${got(text)}`,
    });
  }
  if (expect.equals !== undefined) {
    const passed = text.trim() === expect.equals.trim();
    results.push({
      kind: 'equals',
      passed,
      message: passed
        ? `equals ${quote(expect.equals)}`
        : `expected the answer to equal ${quote(expect.equals)}, got ${got(text)}`,
    });
  }
  if (expect.json !== undefined) {
    const passed = parsesAsJson(text) === expect.json;
    const wanted = expect.json ? 'to be valid JSON' : 'not to be JSON';
    results.push({
      kind: 'json',
      passed,
      message: passed
        ? `is ${expect.json ? '' : 'not '}JSON`
        : `expected the answer ${wanted}, got ${got(text)}`,
    });
  }
  return results;
}
