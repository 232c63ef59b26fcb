import {describe, expect, test} from 'vitest';

import {junitSeconds, MAX_MESSAGE_ATTR, renderJunit, type JunitSuite} from '../../src/lib/output/junit.js';
import {attributesOf, elements, readXml, validateJunit, type XmlElement} from '../helpers/validate.js';

async function expectValid(xml: string): Promise<void> {
  const verdict = await validateJunit(xml);
  expect(verdict.errors).toEqual([]);
  expect(verdict.valid).toBe(true);
}

function only(el: XmlElement, tag: string): XmlElement {
  const found = elements(el, tag);
  expect(found).toHaveLength(1);
  return found[0]!;
}

const EVERY_KIND: JunitSuite = {
  name: 'kinds',
  timestamp: '2025-01-02T03:04:05',
  hostname: 'ci-1',
  properties: {model: 'auto'},
  cases: [
    {name: 'passes', classname: 'k', timeMs: 1234, result: {kind: 'pass'}, systemOut: 'hello'},
    {name: 'fails', classname: 'k', timeMs: 5, result: {kind: 'failure', type: 'failed', message: 'boom'}},
    {
      name: 'errs',
      classname: 'k',
      result: {kind: 'error', type: 'timed_out', message: 'too slow', details: 'stderr tail'},
      systemErr: 'warn 1',
    },
    {name: 'skips', classname: 'k', result: {kind: 'skipped', message: 'not today'}},
  ],
};

describe('renderJunit', () => {
  test('writes every result kind exactly, with counts computed from the cases', async () => {
    const xml = renderJunit([EVERY_KIND]);
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites tests="4" failures="1" errors="1" time="1.239">',
        '  <testsuite name="kinds" tests="4" failures="1" errors="1" skipped="1" time="1.239" timestamp="2025-01-02T03:04:05" hostname="ci-1">',
        '    <properties>',
        '      <property name="model" value="auto"/>',
        '    </properties>',
        '    <testcase name="passes" classname="k" time="1.234">',
        '      <system-out>hello</system-out>',
        '    </testcase>',
        '    <testcase name="fails" classname="k" time="0.005">',
        '      <failure message="boom" type="failed"/>',
        '    </testcase>',
        '    <testcase name="errs" classname="k">',
        '      <error message="too slow" type="timed_out">stderr tail</error>',
        '      <system-err>warn 1</system-err>',
        '    </testcase>',
        '    <testcase name="skips" classname="k">',
        '      <skipped message="not today"/>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
    await expectValid(xml);
  });

  test('sums several suites on <testsuites>, which has no skipped attribute in the Jenkins XSD', async () => {
    const second: JunitSuite = {
      name: 'more',
      timeMs: 2000,
      cases: [
        {name: 'a', classname: 'm', result: {kind: 'error', message: 'x'}},
        {name: 'b', classname: 'm', result: {kind: 'skipped', message: 'y'}},
      ],
    };
    const xml = renderJunit([EVERY_KIND, second], {name: 'kiro-x batch'});
    await expectValid(xml);
    const root = readXml(xml);
    expect(attributesOf(root)).toEqual({
      name: 'kiro-x batch',
      tests: '6',
      failures: '1',
      errors: '2',
      time: '3.239',
    });
    expect(attributesOf(elements(root, 'testsuite')[1]!)).toEqual({
      name: 'more',
      tests: '2',
      failures: '0',
      errors: '1',
      skipped: '1',
      time: '2.000',
    });
  });

  test('zero suites and a suite with zero cases are valid documents with zero counts', async () => {
    const none = renderJunit([]);
    await expectValid(none);
    expect(none).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites tests="0" failures="0" errors="0" time="0.000"/>\n',
    );
    const empty = renderJunit([{name: 'empty', cases: []}]);
    await expectValid(empty);
    expect(attributesOf(only(readXml(empty), 'testsuite'))).toEqual({
      name: 'empty',
      tests: '0',
      failures: '0',
      errors: '0',
      skipped: '0',
      time: '0.000',
    });
  });

  test('case properties become key: value lines ahead of system-out, since a testcase has no <properties>', async () => {
    const xml = renderJunit([
      {
        name: 's',
        cases: [
          {
            name: 'with',
            classname: 'c',
            result: {kind: 'pass'},
            properties: {credits: '0.06', attempts: '2'},
            systemOut: 'answer',
          },
          {name: 'bare', classname: 'c', result: {kind: 'pass'}, properties: {credits: '1'}},
        ],
      },
    ]);
    await expectValid(xml);
    const outs = elements(readXml(xml), 'system-out').map((el) => el.textContent);
    expect(outs).toEqual(['credits: 0.06\nattempts: 2\n\nanswer', 'credits: 1']);
    expect(elements(readXml(xml), 'property')).toHaveLength(0);
  });

  test('control characters, binary, ANSI, ]]> and quotes survive as valid XML', async () => {
    const nasty =
      'a\u0000b\u0007c\u001b[31mred\u001b[0m\u000b\u000c\uFFFE\uFFFF\uD800 ]]> "q" \'s\' <t> & \u001b';
    const xml = renderJunit([
      {
        name: nasty,
        hostname: nasty,
        timestamp: nasty,
        properties: {[nasty]: nasty},
        cases: [
          {
            name: nasty,
            classname: nasty,
            result: {kind: 'failure', type: nasty, message: `${nasty}\nline 2`, details: `${nasty}\nline 2`},
            systemOut: `${nasty}\n\tindented\r\n`,
            systemErr: Buffer.from([0, 1, 2, 0xff, 0xfe, 0x41]).toString('latin1'),
            properties: {[nasty]: nasty},
          },
        ],
      },
    ]);
    await expectValid(xml);
    const clean = 'a\uFFFDb\uFFFDcred\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD ]]> "q" \'s\' <t> & \uFFFD';
    const root = readXml(xml);
    const suite = only(root, 'testsuite');
    expect(suite.getAttribute('name')).toBe(clean);
    expect(suite.getAttribute('hostname')).toBe(clean);
    expect(attributesOf(only(root, 'property'))).toEqual({name: clean, value: clean});
    const testcase = only(root, 'testcase');
    expect(testcase.getAttribute('name')).toBe(clean);
    expect(testcase.getAttribute('classname')).toBe(clean);
    const failure = only(root, 'failure');
    expect(attributesOf(failure)).toEqual({type: clean, message: `${clean} line 2`});
    expect(failure.textContent).toBe(`${clean}\nline 2`);
    // CR LF arrives as LF, as from any XML parser.
    expect(only(root, 'system-out').textContent).toBe(`${clean}: ${clean}\n\n${clean}\n\tindented\n`);
    expect(only(root, 'system-err').textContent).toBe('\uFFFD\uFFFD\uFFFD\u00ff\u00feA');
  });

  test('a huge message is cut to the attribute limit and kept whole in the element body', async () => {
    const message = `${'x'.repeat(100_000)}END`;
    const xml = renderJunit([
      {
        name: 's',
        cases: [
          {name: 'c', classname: 'c', result: {kind: 'error', type: 'failed', message, details: 'tail'}},
          {
            name: 'd',
            classname: 'c',
            result: {kind: 'failure', message: '😀'.repeat(600)},
            systemOut: 'y'.repeat(2_000_000),
          },
        ],
      },
    ]);
    await expectValid(xml);
    const [error] = elements(readXml(xml), 'error');
    expect(error!.getAttribute('message')).toBe(`${'x'.repeat(MAX_MESSAGE_ATTR - 1)}…`);
    expect(error!.textContent).toBe(`${message}\n\ntail`);
    const [failure] = elements(readXml(xml), 'failure');
    expect(failure!.getAttribute('message')).toBe(`${'😀'.repeat(MAX_MESSAGE_ATTR - 1)}…`);
  });

  test('odd times are still SUREFIRE_TIME values', async () => {
    const cases = [-1, Number.NaN, Number.POSITIVE_INFINITY, 1e-9, 1e30].map((timeMs, i) => ({
      name: `t${i}`,
      classname: 'c',
      timeMs,
      result: {kind: 'pass'} as const,
    }));
    const xml = renderJunit([{name: 's', cases}]);
    await expectValid(xml);
    expect(elements(readXml(xml), 'testcase').map((el) => el.getAttribute('time'))).toEqual([
      '0.000',
      '0.000',
      '0.000',
      '0.000',
      '9007199254740.991',
    ]);
  });
});

describe('junitSeconds', () => {
  const SUREFIRE_TIME = /^(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]{0,3})?$/;
  test.each([
    [0, '0.000'],
    [1, '0.001'],
    [999, '0.999'],
    [1234, '1.234'],
    [61_000, '61.000'],
    [0.4, '0.000'],
    [-250, '0.000'],
    [Number.NaN, '0.000'],
    [Number.NEGATIVE_INFINITY, '0.000'],
    [1e-7, '0.000'],
    [1e25, '9007199254740.991'],
  ])('%d ms → %s', (ms, expected) => {
    expect(junitSeconds(ms)).toBe(expected);
    expect(junitSeconds(ms)).toMatch(SUREFIRE_TIME);
  });
});

describe('validateJunit', () => {
  test('rejects a testsuite without a name', async () => {
    const verdict = await validateJunit(
      '<?xml version="1.0"?><testsuites><testsuite tests="0" failures="0" errors="0"/></testsuites>',
    );
    expect(verdict.valid).toBe(false);
    expect(verdict.errors).toEqual([
      "report.xml:1: Schemas validity error : Element 'testsuite': The attribute 'name' is required but missing.",
    ]);
  });

  test('rejects skipped on <testsuites> and a time with an exponent', async () => {
    const skipped = await validateJunit('<testsuites skipped="0"/>');
    expect(skipped.valid).toBe(false);
    expect(skipped.errors.join('\n')).toContain("The attribute 'skipped' is not allowed.");
    const exponent = await validateJunit('<testsuites time="1e-7"/>');
    expect(exponent.valid).toBe(false);
    expect(exponent.errors.join('\n')).toContain("attribute 'time'");
  });

  test('rejects a raw control character, which is why the writer replaces them', async () => {
    const verdict = await validateJunit('<testsuites name="a\u0001b"/>');
    expect(verdict.valid).toBe(false);
    expect(verdict.errors.length).toBeGreaterThan(0);
  });
});
