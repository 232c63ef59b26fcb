import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

import {describe, expect, it} from 'vitest';

import {
  deliverReport,
  jsonDocument,
  settleExitCode,
  type ReportForms,
} from '../../src/lib/output/report-destination.js';
import {firstLine} from '../../src/lib/output/shorten.js';
import {captureStreams} from '../helpers/streams.js';

const forms: ReportForms = {
  text: () => 'all good\n',
  json: () => jsonDocument({ok: true}),
  junit: () => '<testsuites/>\n',
};

const dir = (): string => mkdtempSync(path.join(tmpdir(), 'kiro-x-report-'));

describe('deliverReport', () => {
  it.each([
    ['text', 'all good\n'],
    ['json', '{\n  "ok": true\n}\n'],
    ['junit', '<testsuites/>\n'],
  ] as const)('prints only the %s document on stdout', async (output, printed) => {
    const streams = captureStreams();
    await expect(deliverReport(forms, {...streams, output})).resolves.toBeNull();
    expect(streams.out()).toBe(printed);
    expect(streams.err()).toBe('');
  });

  it('writes the JUnit file, creating its directory, whatever stdout gets', async () => {
    const streams = captureStreams();
    const junitFile = path.join(dir(), 'reports', 'kiro.xml');
    await expect(deliverReport(forms, {...streams, output: 'json', junitFile})).resolves.toBeNull();
    expect(readFileSync(junitFile, 'utf8')).toBe('<testsuites/>\n');
    expect(streams.out()).toBe('{\n  "ok": true\n}\n');
  });

  it('streams a body given as a function, and renders JUnit only when asked for', async () => {
    const streams = captureStreams();
    const lazy: ReportForms = {
      ...forms,
      text: () => async (stdout) => void stdout.write('streamed\n'),
      junit: () => {
        throw new Error('not wanted');
      },
    };
    await deliverReport(lazy, {...streams, output: 'text'});
    expect(streams.out()).toBe('streamed\n');
  });

  it('says why the JUnit file could not be written, still printing the document', async () => {
    const streams = captureStreams();
    const blocker = path.join(dir(), 'file');
    writeFileSync(blocker, '');
    const junitFile = path.join(blocker, 'kiro.xml');
    const error = await deliverReport(forms, {...streams, output: 'text', junitFile});
    expect(error).toBe(`--junit-file ${junitFile} cannot be created: ${blocker} is not a directory.`);
    expect(streams.out()).toBe('all good\n');
  });
});

describe('settleExitCode', () => {
  it('keeps the code when the report file was written', () => {
    const streams = captureStreams();
    expect(settleExitCode(1, null, streams)).toBe(1);
    expect(streams.err()).toBe('');
  });

  it('says the file error and turns a pass into a usage error, keeping a failure', () => {
    const streams = captureStreams();
    expect(settleExitCode(0, 'cannot write', streams)).toBe(2);
    expect(settleExitCode(10, 'cannot write', streams)).toBe(10);
    expect(streams.err()).toBe('error: cannot write\nerror: cannot write\n');
  });
});

describe('firstLine', () => {
  it.each([
    ['kiro-cli 1.2.3\nmore', undefined, 'kiro-cli 1.2.3'],
    ['\n\n  padded line  \r\nnext', undefined, 'padded line'],
    ['', undefined, ''],
    [' \n\t\n', undefined, ''],
    ['warning: x\nerror: Not logged in\n', /Not logged in/, 'error: Not logged in'],
    ['nothing here', /Not logged in/, ''],
  ])('%j → the line quoted', (text, pattern, line) => {
    expect(firstLine(text, pattern)).toBe(line);
  });
});
