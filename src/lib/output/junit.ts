import {create} from 'xmlbuilder2';

import {truncate} from './shorten.js';
import {xmlSafe, xmlSafeAttr} from './xml-safe.js';

/** How one test case ended; `message` becomes the attribute, `details` the element body. */
export type JunitResult =
  {kind: 'pass'} | {kind: 'failure' | 'error' | 'skipped'; type?: string; message: string; details?: string};

/** One `<testcase>`. */
export interface JunitCase {
  name: string;
  classname: string;
  timeMs?: number;
  result: JunitResult;
  systemOut?: string;
  systemErr?: string;
  /** Written as `key: value` lines at the top of system-out: the Jenkins XSD has no `<properties>` in a testcase. */
  properties?: Record<string, string>;
}

/** One `<testsuite>`; its counts are computed from `cases`, its time defaults to the sum of theirs. */
export interface JunitSuite {
  name: string;
  /** Written as given (e.g. ISO 8601 without zone, as Surefire does). */
  timestamp?: string;
  hostname?: string;
  timeMs?: number;
  properties?: Record<string, string>;
  cases: JunitCase[];
}

// The package's own builder type lives in a deep, unexported path.
type XMLBuilder = ReturnType<typeof create>;

/** Longest `message` attribute; longer messages are cut with `…` and kept whole in the element body. */
export const MAX_MESSAGE_ATTR = 500;

/** Milliseconds as the XSD's SUREFIRE_TIME: seconds, exactly three decimals, never negative or exponential. */
export function junitSeconds(ms: number): string {
  // Integer milliseconds, so no float rounding and no `toFixed` exponent can reach the document.
  const whole = Number.isFinite(ms) && ms > 0 ? Math.round(Math.min(ms, Number.MAX_SAFE_INTEGER)) : 0;
  return `${Math.floor(whole / 1000)}.${String(whole % 1000).padStart(3, '0')}`;
}

function counts(cases: JunitCase[]): {tests: number; failures: number; errors: number; skipped: number} {
  const of = (kind: JunitResult['kind']): number => cases.filter((c) => c.result.kind === kind).length;
  return {tests: cases.length, failures: of('failure'), errors: of('error'), skipped: of('skipped')};
}

function suiteMs(suite: JunitSuite): number {
  return suite.timeMs ?? suite.cases.reduce((sum, c) => sum + (c.timeMs ?? 0), 0);
}

function addProperties(parent: XMLBuilder, properties: Record<string, string>): void {
  const entries = Object.entries(properties);
  if (entries.length === 0) return;
  const el = parent.ele('properties');
  for (const [name, value] of entries)
    el.ele('property', {name: xmlSafeAttr(name), value: xmlSafeAttr(value)});
}

function addResult(testcase: XMLBuilder, result: JunitResult): void {
  if (result.kind === 'pass') return;
  const message = xmlSafeAttr(result.message);
  const shortMessage = truncate(message, MAX_MESSAGE_ATTR);
  const attrs: Record<string, string> = {message: shortMessage};
  if (result.type !== undefined) attrs['type'] = xmlSafeAttr(result.type);
  // A cut message would lose its end, so the body repeats it in full ahead of the details.
  const body = [shortMessage === message ? '' : xmlSafe(result.message), xmlSafe(result.details ?? '')]
    .filter((part) => part !== '')
    .join('\n\n');
  const el = testcase.ele(result.kind, attrs);
  if (body !== '') el.txt(body);
}

function addCase(suite: XMLBuilder, c: JunitCase): void {
  const attrs: Record<string, string> = {name: xmlSafeAttr(c.name), classname: xmlSafeAttr(c.classname)};
  if (c.timeMs !== undefined) attrs['time'] = junitSeconds(c.timeMs);
  const el = suite.ele('testcase', attrs);
  addResult(el, c.result);
  const facts = Object.entries(c.properties ?? {}).map(([k, v]) => `${xmlSafeAttr(k)}: ${xmlSafeAttr(v)}`);
  const out = [facts.join('\n'), xmlSafe(c.systemOut ?? '')].filter((part) => part !== '').join('\n\n');
  if (out !== '') el.ele('system-out').txt(out);
  const err = xmlSafe(c.systemErr ?? '');
  if (err !== '') el.ele('system-err').txt(err);
}

function addSuite(root: XMLBuilder, suite: JunitSuite): void {
  const n = counts(suite.cases);
  const attrs: Record<string, string> = {
    name: xmlSafeAttr(suite.name),
    tests: String(n.tests),
    failures: String(n.failures),
    errors: String(n.errors),
    skipped: String(n.skipped),
    time: junitSeconds(suiteMs(suite)),
  };
  if (suite.timestamp !== undefined) attrs['timestamp'] = xmlSafeAttr(suite.timestamp);
  if (suite.hostname !== undefined) attrs['hostname'] = xmlSafeAttr(suite.hostname);
  const el = root.ele('testsuite', attrs);
  addProperties(el, suite.properties ?? {});
  for (const c of suite.cases) addCase(el, c);
}

/**
 * A JUnit document valid against the Jenkins xUnit XSD. `<testsuites>` carries tests/failures/errors/time only:
 * that XSD has no `skipped` attribute there (each `<testsuite>` has one).
 */
export function renderJunit(suites: JunitSuite[], opts: {name?: string} = {}): string {
  const all = suites.flatMap((s) => s.cases);
  const n = counts(all);
  const attrs: Record<string, string> = {};
  if (opts.name !== undefined) attrs['name'] = xmlSafeAttr(opts.name);
  Object.assign(attrs, {
    tests: String(n.tests),
    failures: String(n.failures),
    errors: String(n.errors),
    time: junitSeconds(suites.reduce((sum, s) => sum + suiteMs(s), 0)),
  });
  const root = create({version: '1.0', encoding: 'UTF-8'}).ele('testsuites', attrs);
  for (const suite of suites) addSuite(root, suite);
  return root.end({prettyPrint: true}) + '\n';
}
