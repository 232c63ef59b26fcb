import {describe, expect, test} from 'vitest';

import {inspectAgent, agentMcpServers} from '../../src/lib/doctor/agent-fields.js';
import {parseCliVersion} from '../../src/lib/doctor/check-cli.js';
import {parseModelList} from '../../src/lib/doctor/check-model.js';
import {nodeCheck, versionAtLeast} from '../../src/lib/doctor/check-node.js';
import {detectCi} from '../../src/lib/doctor/ci.js';
import {doctorToJunit} from '../../src/lib/doctor/render-junit.js';
import {renderDoctorText} from '../../src/lib/doctor/render-text.js';
import {runDoctor} from '../../src/lib/doctor/run-doctor.js';
import {pass, warn, type DoctorCheck, type DoctorContext} from '../../src/lib/doctor/types.js';
import {Chalk} from 'chalk';

const base = {
  cliPath: 'kiro-cli',
  cwd: '/',
  env: {},
  agent: undefined,
  model: undefined,
  mcpConfig: undefined,
};
const config = {ok: true, filepath: null} as const;

describe('doctor pure helpers', () => {
  test.each([
    ['20.5.0', '20.5.0', true],
    ['v20.20.2', '20.5.0', true],
    ['20.4.9', '20.5.0', false],
    ['2.1.9', '2.2.0', false],
    ['2.21.2', '2.2.0', true],
    ['3.0.0-beta.1', '2.2.0', true],
  ])('versionAtLeast(%s, %s) = %s', (version, minimum, expected) => {
    expect(versionAtLeast(version, minimum)).toBe(expected);
  });

  test('parseCliVersion reads the version line and nothing else', () => {
    expect(parseCliVersion('kiro-cli 2.21.2\n')).toBe('2.21.2');
    expect(parseCliVersion('kiro-cli 3.0.0-rc.1\n')).toBe('3.0.0-rc.1');
    expect(parseCliVersion('hello')).toBeNull();
  });

  test('the node check fails below 20.5 and passes above', async () => {
    const context = {nodeVersion: '18.19.0'} as DoctorContext;
    expect(await nodeCheck.run(context)).toEqual({
      status: 'fail',
      message: 'Node 18.19.0 is older than 20.5.0.',
      fix: 'Install Node 20.5.0 or newer.',
    });
    expect((await nodeCheck.run({nodeVersion: 'v22.1.0'} as DoctorContext)).status).toBe('pass');
  });

  test('parseModelList reads model ids and the default; anything else is null', () => {
    const doc = {models: [{model_id: 'auto'}, {model_id: 'x'}, {name: 'no id'}], default_model: 'auto'};
    expect(parseModelList(JSON.stringify(doc))).toEqual({ids: ['auto', 'x'], defaultModel: 'auto'});
    expect(parseModelList('Available models (* = default):')).toBeNull();
    expect(parseModelList('{"models": 3}')).toBeNull();
  });

  test('inspectAgent separates type errors, unknown fields and a name unlike the file', () => {
    expect(
      inspectAgent({name: 'b', tools: ['read', 1], includeMcpJson: 'yes', colour: 1, model: 'auto'}, 'a'),
    ).toEqual({
      errors: ['"tools" must be a list of strings', '"includeMcpJson" must be true or false'],
      unknown: ['colour'],
      nameMismatch: 'b',
    });
    expect(agentMcpServers({mcpServers: {a: {}, b: {disabled: true}}, includeMcpJson: true})).toEqual([
      'a',
      'mcp.json',
    ]);
  });

  test.each([
    [{GITHUB_ACTIONS: 'true'}, 'GitHub Actions'],
    [{CI: 'true'}, 'CI'],
    [{CI: 'false'}, null],
    [{CI: '0'}, null],
    [{}, null],
  ])('detectCi(%j) = %s', (env, expected) => {
    expect(detectCi(env)).toBe(expected);
  });
});

describe('runDoctor', () => {
  test('a check that never ends is failed at its bound; the rest still report', async () => {
    const hang: DoctorCheck = {id: 'hang', title: 'hangs', run: () => new Promise(() => {})};
    const ok: DoctorCheck = {id: 'ok', title: 'ok', run: async () => pass('fine')};
    const result = await runDoctor({...base, config, checkTimeoutMs: 100, checks: [hang, ok]});
    expect(result.checks.map((c) => [c.id, c.status, c.message])).toEqual([
      ['hang', 'fail', 'Did not finish within 100 ms.'],
      ['ok', 'pass', 'fine'],
    ]);
    expect(result.ok).toBe(false);
  });

  test('a throwing check fails instead of crashing the run; warnings fail only when strict', async () => {
    const boom: DoctorCheck = {id: 'boom', title: 'b', run: () => Promise.reject(new Error('bad'))};
    const warns: DoctorCheck = {id: 'w', title: 'w', run: async () => warn('meh', 'do it')};
    const loose = await runDoctor({...base, config, checks: [warns]});
    expect([loose.ok, loose.summary]).toEqual([true, {pass: 0, warn: 1, fail: 0, skip: 0}]);
    expect((await runDoctor({...base, config, strict: true, checks: [warns]})).ok).toBe(false);
    const crashed = await runDoctor({...base, config, checks: [boom]});
    expect(crashed.checks[0]?.message).toBe('The check itself failed: bad');
  });
});

describe('doctor renderers', () => {
  const result = {
    schemaVersion: 1 as const,
    ok: false,
    strict: false,
    durationMs: 12,
    summary: {pass: 1, warn: 1, fail: 1, skip: 1},
    checks: [
      {id: 'node', title: 'n', status: 'pass' as const, message: 'Node ok.', fix: null, durationMs: 1},
      {id: 'kiro-cli', title: 'k', status: 'warn' as const, message: 'Old.', fix: 'Update.', durationMs: 2},
      {id: 'credential', title: 'c', status: 'fail' as const, message: 'No.', fix: 'Log in.', durationMs: 3},
      {id: 'model', title: 'm', status: 'skip' as const, message: 'Skipped.', fix: 'Later.', durationMs: 4},
    ],
  };

  test('text: symbols, aligned ids, fixes under non-passing checks, plain without colour', () => {
    expect(renderDoctorText(result, new Chalk({level: 0}))).toBe(
      [
        '✔ node        Node ok.',
        '! kiro-cli    Old.',
        '              fix: Update.',
        '✖ credential  No.',
        '              fix: Log in.',
        '- model       Skipped.',
        '              fix: Later.',
        '',
        'kiro-x is not ready (1 passed, 1 warning, 1 failed, 1 skipped).',
        '',
      ].join('\n'),
    );
    expect(renderDoctorText(result, new Chalk({level: 1}))).toContain('\u001B[32m✔\u001B[39m');
  });

  test('JUnit: fail is a failure, skip is skipped, warn is a pass with a note unless strict', () => {
    const loose = doctorToJunit(result).cases.map((c) => [c.name, c.result.kind, c.systemOut ?? null]);
    expect(loose).toEqual([
      ['node', 'pass', 'Node ok.'],
      ['kiro-cli', 'pass', 'warning: Old.\nfix: Update.'],
      ['credential', 'failure', null],
      ['model', 'skipped', null],
    ]);
    const strict = doctorToJunit({...result, strict: true}).cases[1]?.result;
    expect(strict).toEqual({kind: 'failure', type: 'warn', message: 'Old.', details: 'fix: Update.'});
  });
});
