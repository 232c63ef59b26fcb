import {describe, expect, test} from 'vitest';

import {parseCliVersion} from '../../src/lib/engine/cli-version.js';
import {planHarness} from '../../src/lib/engine/harness.js';
import {classifyWhoami, whoamiDetail} from '../../src/lib/engine/whoami.js';
import {
  agentKeys,
  agentMcpServers,
  inspectAgent,
  rejectionReasons,
} from '../../src/lib/profile/agent-fields.js';
import {harnessCheck} from '../../src/lib/doctor/check-harness.js';
import {authRefusal, parseModelList} from '../../src/lib/doctor/check-model.js';
import {probeVerdict} from '../../src/lib/doctor/check-probe.js';
import {nodeCheck, versionAtLeast} from '../../src/lib/doctor/check-node.js';
import {detectCi} from '../../src/lib/doctor/ci.js';
import {doctorToJunit} from '../../src/lib/doctor/render-junit.js';
import {renderDoctorText} from '../../src/lib/doctor/render-text.js';
import {runDoctor} from '../../src/lib/doctor/run-doctor.js';
import {pass, warn, type DoctorCheck, type DoctorContext} from '../../src/lib/doctor/types.js';
import {Chalk} from 'chalk';
import {sampleAskResult} from '../helpers/validate.js';

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

  test('inspectAgent flags every key kiro-cli 2.x would reject, and accepts all 16 it knows', () => {
    const valid = {
      $schema: 'https://x',
      name: 'a',
      description: null,
      prompt: 'p',
      mcpServers: {},
      tools: ['*'],
      toolAliases: {},
      allowedTools: ['read'],
      resources: ['file://README.md'],
      hooks: {},
      toolsSettings: {},
      useLegacyMcpJson: false,
      includeMcpJson: true,
      model: 'auto',
      keyboardShortcut: 'ctrl+a',
      welcomeMessage: 'hi',
    };
    expect(Object.keys(valid)).toEqual(agentKeys(undefined));
    expect(inspectAgent(valid, undefined)).toEqual({unknown: [], errors: [], missingName: false});
    const bad = {tools: ['read', 1], includeMcpJson: 'yes', colour: 1, permissions: {}};
    const v2 = inspectAgent(bad, undefined);
    expect(v2).toEqual({
      unknown: ['colour', 'permissions'],
      errors: ['"tools" must be a list of strings', '"includeMcpJson" must be true or false'],
      missingName: true,
    });
    expect(rejectionReasons(v2, undefined)).toEqual([
      'unknown key "colour" (kiro-cli 2.x rejects the whole file for it)',
      'unknown key "permissions" (kiro-cli 2.x rejects the whole file for it)',
      '"tools" must be a list of strings',
      '"includeMcpJson" must be true or false',
      'no "name" (kiro-cli 2.x requires it)',
    ]);
    // V3 knows permissions, takes objects in resources and a missing name.
    expect(inspectAgent({permissions: {}, resources: [{kb: 1}], excludedTools: ['shell']}, 'v3')).toEqual({
      unknown: [],
      errors: [],
      missingName: false,
    });
    expect(agentMcpServers({mcpServers: {a: {}, b: {disabled: true}}, includeMcpJson: true})).toEqual([
      'a',
      'mcp.json',
    ]);
  });

  test.each<[string, 'v2' | 'v3', ReturnType<typeof planHarness>]>([
    ['3.1.0', 'v2', {ok: true, args: ['--v2'], note: 'kiro-x passes --v2'}],
    ['3.0.0', 'v3', {ok: true, args: ['--v3'], note: 'kiro-x passes --v3'}],
    ['2.8.0', 'v3', {ok: true, args: ['--v3'], note: 'kiro-x passes --v3'}],
    [
      '2.21.2',
      'v2',
      {ok: true, args: [], note: 'kiro-cli 2.21.2 runs V2 unless told otherwise, so no flag is needed'},
    ],
    ['2.7.9', 'v3', {ok: false, problem: '--harness v3 needs kiro-cli 2.8 or newer; this is kiro-cli 2.7.9'}],
    [
      '1.20.0',
      'v2',
      {ok: false, problem: '--harness v2 needs kiro-cli 2.0 or newer; this is kiro-cli 1.20.0'},
    ],
  ])('planHarness on %s for %s', (version, harness, plan) => {
    expect(planHarness(harness, version)).toEqual(plan);
  });

  test.each<[string, string, string | null, number | null, string]>([
    ['Google', 'Logged in with Google\nEmail: me@gmail.com\n', null, 0, 'social'],
    ['GitHub', 'Logged in with GitHub\n', null, 0, 'social'],
    ['a generic social label', 'Logged in with social login\n', null, 0, 'social'],
    ['social JSON', '{"accountType":"SocialGitHub","email":"a@b"}', null, 0, 'social'],
    [
      'IdC on two lines (2.21)',
      'Logged in with IAM Identity Center\nhttps://d.awsapps.com/start\n',
      null,
      0,
      'identity-center',
    ],
    ['Builder ID', 'Logged in with Builder ID\nEmail: a@b\n', null, 0, 'builder-id'],
    ['not logged in', 'Not logged in\n', null, 1, 'not-logged-in'],
  ])('classifyWhoami: %s', (_name, stdout, stderr, code, status) => {
    expect(classifyWhoami(stdout, stderr ?? '', code)).toBe(status);
  });

  test('whoamiDetail keeps the first line and the IdC start URL wherever it is, never the email', () => {
    expect(
      whoamiDetail('Logged in with IAM Identity Center\nhttps://d.awsapps.com/start\nProfile: p\n', ''),
    ).toBe('Logged in with IAM Identity Center (https://d.awsapps.com/start)');
    expect(whoamiDetail('Logged in with IAM Identity Center (https://d.awsapps.com/start)\n', '')).toBe(
      'Logged in with IAM Identity Center (https://d.awsapps.com/start)',
    );
    expect(whoamiDetail('Logged in with Google\nEmail: me@gmail.com\n', '')).toBe('Logged in with Google');
  });

  test('authRefusal finds the line kiro-cli refused the credential with', () => {
    expect(authRefusal('x\nAuthentication failed. Your API key may be invalid or expired.\n')).toBe(
      'Authentication failed. Your API key may be invalid or expired.',
    );
    expect(authRefusal('Not logged in. Set the KIRO_API_KEY environment variable')).toBe(
      'Not logged in. Set the KIRO_API_KEY environment variable',
    );
    expect(authRefusal('all fine')).toBeNull();
  });

  test.each<
    [
      string,
      Parameters<typeof sampleAskResult>[0],
      NodeJS.ProcessEnv,
      {status: string; message: string; fix: string | null},
    ]
  >([
    [
      'a completed turn',
      {durationMs: 2340, credits: 0.01},
      {},
      {
        status: 'pass',
        message: 'One real turn completed (2.3 s, 0.01 credits): the credential works end to end.',
        fix: null,
      },
    ],
    [
      'a rejected key',
      {
        ok: false,
        outcome: 'auth_failed',
        message: 'kiro-cli reported an authentication failure (exit 0).',
        warnings: [],
        stderrTail:
          'Failed to retrieve MCP settings\nAuthentication failed. Your API key may be invalid or expired.',
      },
      {KIRO_API_KEY: 'ksk_x'},
      {
        status: 'fail',
        message:
          'The probe turn was refused: "Authentication failed. Your API key may be invalid or expired.".',
        fix: 'Create a new API key in the Kiro console and store it as KIRO_API_KEY: this one was refused.',
      },
    ],
    [
      'an expired login',
      {
        ok: false,
        outcome: 'auth_failed',
        message: 'm',
        warnings: [],
        stderrTail: 'Authentication failed. Expired.',
      },
      {},
      {
        status: 'fail',
        message: 'The probe turn was refused: "Authentication failed. Expired.".',
        fix: 'Run `kiro-cli login` again: the login may have expired, or the account may lack a Kiro subscription.',
      },
    ],
    [
      'not logged in',
      {
        ok: false,
        outcome: 'auth_failed',
        message: 'm',
        warnings: [],
        stderrTail: 'Not logged in. Set KIRO_API_KEY.',
      },
      {},
      {
        status: 'fail',
        message: 'The probe turn was refused: "Not logged in. Set KIRO_API_KEY.".',
        fix: 'Set KIRO_API_KEY (a ksk_… key), or run `kiro-cli login` on this machine.',
      },
    ],
    [
      'a hang',
      {ok: false, outcome: 'timed_out', message: 'm'},
      {},
      {
        status: 'fail',
        message: 'The probe turn gave no answer within 30 s.',
        fix: 'Check the network and proxy settings; try `kiro-cli chat --no-interactive hi` by hand.',
      },
    ],
  ])('probeVerdict: %s', (_name, overrides, env, verdict) => {
    expect(probeVerdict(sampleAskResult(overrides), env, 30_000)).toEqual(verdict);
  });

  test.each<[string | null, 'v2' | 'v3' | undefined, string, string]>([
    ['2.21.2', undefined, 'pass', 'V2, not pinned: kiro-cli 2.21.2 runs V2 headless unless told otherwise.'],
    [
      '3.1.0',
      undefined,
      'warn',
      'Not pinned: kiro-cli 3.1.0 picks the harness itself (V2 headless, with exceptions for scripts and CI).',
    ],
    ['3.1.0', 'v2', 'pass', 'V2, pinned: kiro-x passes --v2.'],
    ['2.21.2', 'v3', 'pass', 'V3, pinned: kiro-x passes --v3.'],
    [
      '2.21.2',
      'v2',
      'pass',
      'V2, pinned: kiro-cli 2.21.2 runs V2 unless told otherwise, so no flag is needed.',
    ],
    ['2.5.0', 'v3', 'fail', '--harness v3 needs kiro-cli 2.8 or newer; this is kiro-cli 2.5.0.'],
    [null, 'v3', 'skip', 'Not checked: the kiro-cli version is unknown (--harness v3 is set).'],
  ])('harness check: kiro-cli %s, pinned %s → %s', async (version, harness, status, message) => {
    const cli = {version, spawnErrorCode: null, timedOut: false, exitCode: 0, said: ''};
    const context = {harness, cliVersion: async () => ({where: '/bin/kiro-cli', version: cli})};
    const verdict = await harnessCheck.run(context as unknown as DoctorContext);
    expect([verdict.status, verdict.message]).toEqual([status, message]);
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
