import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {PassThrough} from 'node:stream';

import {beforeEach, describe, expect, it} from 'vitest';

import {doctorInput, runDoctorCommand, type DoctorFlags} from '../../src/cli/doctor.js';
import {resolveDoctorOptions} from '../../src/lib/doctor/options.js';
import type {DoctorResult} from '../../src/lib/doctor/types.js';
import {UsageError} from '../../src/lib/errors.js';
import {captureStreams} from '../helpers/streams.js';
import {useTempHome} from '../helpers/temp-home.js';

const home = useTempHome('kiro-x-cli-doctor-');
let cwd = '';
let env: NodeJS.ProcessEnv = {};

beforeEach(() => {
  ({cwd, env} = home);
});

const options = (flags: DoctorFlags, extra: NodeJS.ProcessEnv = {}) =>
  resolveDoctorOptions(doctorInput(flags, {env: {...env, ...extra}, cwd}));

function run(flags: DoctorFlags) {
  const streams = captureStreams(env);
  const code = runDoctorCommand(flags, {...streams, stdin: new PassThrough(), cwd});
  return {streams, code};
}

describe('doctor flags → options', () => {
  it('hands the setting flags to the resolver by name and keeps its own choices apart', () => {
    const input = doctorInput(
      {model: 'm', probe: true, 'check-timeout': '3s', config: 'c.yaml', json: true},
      {env, cwd},
    );
    expect(input).toMatchObject({env, cwd, configPath: 'c.yaml', probe: true, checkTimeout: '3s'});
    expect(input.flags).toMatchObject({model: 'm', output: 'json'});
  });

  it('resolves flag > env > default, the check timeout in ms, the cwd absolute', async () => {
    const resolved = await options(
      {model: 'flag-model', 'check-timeout': '3s'},
      {KIRO_X_MODEL: 'env-model', KIRO_X_AGENT: 'a'},
    );
    expect(resolved).toMatchObject({
      model: 'flag-model',
      agent: 'a',
      cliPath: 'kiro-cli',
      cwd,
      checkTimeoutMs: 3000,
      probe: false,
      strict: false,
      output: 'text',
      config: {ok: true, filepath: null},
    });
    expect(resolved.junitFile).toBeUndefined();
  });

  it('turns a broken config file into the config check failure, never an error', async () => {
    writeFileSync(path.join(cwd, '.kirorc.json'), '{"model": 7}');
    const resolved = await options({agent: 'reviewer'});
    expect(resolved.config).toMatchObject({ok: false, filepath: null});
    expect(resolved.agent).toBe('reviewer');
  });

  it('refuses a bad --check-timeout naming the flag', async () => {
    const error = await options({'check-timeout': 'soon'}).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain('--check-timeout');
  });
});

describe('doctor rendering', () => {
  const missing = {'cli-path': '/nonexistent/kiro-cli'};

  it('prints one line per check and the verdict on stdout, exit 1 when a check fails', async () => {
    const {streams, code} = run(missing);
    await expect(code).resolves.toBe(1);
    expect(streams.out()).toContain(
      '✖ kiro-cli     kiro-cli (/nonexistent/kiro-cli) is not an executable file.\n',
    );
    expect(streams.out()).toMatch(/\n\nkiro-x is not ready \(.*\)\.\n$/);
    expect(streams.err()).toBe('');
  });

  it('prints the JSON document and writes the JUnit file', async () => {
    const junitFile = path.join(cwd, 'reports', 'doctor.xml');
    const {streams, code} = run({...missing, json: true, 'junit-file': junitFile});
    await expect(code).resolves.toBe(1);
    const doc = JSON.parse(streams.out()) as DoctorResult;
    expect(doc.ok).toBe(false);
    expect(doc.checks.find((c) => c.id === 'kiro-cli')?.status).toBe('fail');
    expect(readFileSync(junitFile, 'utf8')).toContain('<testsuite name="kiro-x doctor"');
  });
});
