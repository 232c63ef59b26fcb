import {mkdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';

import {describe, expect, test} from 'vitest';

import {readXml, elements, validateJunit} from '../helpers/validate.js';
import {makeWorld, runKiroX, SIM_BIN, TEST_KEY} from './harness.js';
import {doctorJson, simLogin, writeAgent} from './doctor-helpers.js';

const CHECK_IDS = [
  'node',
  'kiro-cli',
  'api-key',
  'credential',
  'config',
  'agent',
  'model',
  'mcp',
  'profile-dir',
  'ci',
];

describe('kiro-x doctor: a healthy setup', () => {
  test('every check passes, exit 0, the JSON matches its schema and never shows the key', async () => {
    const world = makeWorld();
    const {run, doc, check} = await doctorJson(world, ['--model', 'claude-sonnet-4.5']);
    expect(run.code).toBe(0);
    expect(doc.ok).toBe(true);
    expect(doc.checks.map((c) => c.id)).toEqual(CHECK_IDS);
    expect(doc.checks.map((c) => c.status)).toEqual(CHECK_IDS.map(() => 'pass'));
    expect(doc.summary).toEqual({pass: 10, warn: 0, fail: 0, skip: 0});
    expect(check('kiro-cli').message).toBe(`kiro-cli 2.21.2 at ${path.join(SIM_BIN, 'kiro-cli')}.`);
    expect(check('api-key').message).toBe('KIRO_API_KEY is set (ksk_…cdef).');
    expect(check('credential').message).toBe(
      'Authenticated: API key (whoami does not validate it: a bad key shows on the first turn).',
    );
    expect(check('model').message).toBe('Model "claude-sonnet-4.5" is available.');
    expect(check('config').message).toBe('No config file found; built-in defaults apply.');
    expect(check('ci').message).toBe('Not running in CI.');
    expect(doc.checks.every((c) => c.fix === null && Number.isInteger(c.durationMs))).toBe(true);
    expect(run.stdout + run.stderr).not.toContain(TEST_KEY);
    expect(run.stderr).toBe('');
  });

  test('text output: one line per check with ✔, no colour off a TTY, a verdict line', async () => {
    const world = makeWorld();
    const run = await runKiroX(['doctor'], {world});
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 10).map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual(
      CHECK_IDS.map((id) => `✔ ${id}`),
    );
    expect(lines.slice(10)).toEqual(['', 'kiro-x is ready (10 passed, 0 warnings, 0 failed).', '']);
    expect(run.stdout).not.toContain('\u001B[');
  });
});

describe('kiro-x doctor: kiro-cli', () => {
  test('missing executable fails with the install fix; the credential fails and the model is skipped', async () => {
    const world = makeWorld();
    const {run, check} = await doctorJson(world, ['--cli-path', '/nowhere/kiro-cli', '--model', 'auto']);
    expect(run.code).toBe(1);
    expect(check('kiro-cli')).toEqual({
      status: 'fail',
      message: 'kiro-cli (/nowhere/kiro-cli) is not an executable file.',
      fix: 'Check the kiro-cli path given by --cli-path, KIRO_X_CLI_PATH or `cliPath` in .kirorc.',
    });
    expect(check('credential').status).toBe('fail');
    expect(check('model')).toEqual({
      status: 'skip',
      message: 'Not checked: the credential check failed (cli-not-found).',
      fix: 'Fix the credential, then run doctor again.',
    });
  });

  test('a name not on PATH fails', async () => {
    const world = makeWorld();
    const {run, check} = await doctorJson(world, ['--cli-path', 'no-such-kiro-cli']);
    expect(run.code).toBe(1);
    expect(check('kiro-cli').message).toBe('kiro-cli (no-such-kiro-cli) was not found on PATH.');
  });

  test('a version older than 2.2 warns (exit 0), and --strict turns the warning into exit 1', async () => {
    const world = makeWorld({KIRO_SIM_VERSION: '2.1.0'});
    const first = await doctorJson(world);
    expect(first.run.code).toBe(0);
    expect(first.check('kiro-cli')).toEqual({
      status: 'warn',
      message: `kiro-cli 2.1.0 at ${path.join(SIM_BIN, 'kiro-cli')} is older than 2.2: no --resume-id and no JSON session list.`,
      fix: 'Update kiro-cli (kiro-cli update) to 2.2 or newer.',
    });
    const strict = await doctorJson(world, ['--strict']);
    expect(strict.run.code).toBe(1);
    expect(strict.doc.ok).toBe(false);
    expect(strict.doc.strict).toBe(true);
  });
});

describe('kiro-x doctor: credential', () => {
  test('Builder ID and IAM Identity Center logins pass; outside CI a missing key passes', async () => {
    const world = makeWorld({KIRO_API_KEY: undefined});
    simLogin(world, {method: 'builder-id'});
    const builder = await doctorJson(world);
    expect(builder.run.code).toBe(0);
    expect(builder.check('api-key')).toEqual({
      status: 'pass',
      message: 'KIRO_API_KEY is not set; kiro-cli uses its own login.',
      fix: null,
    });
    expect(builder.check('credential').message).toBe(
      'Authenticated: Builder ID login (Logged in with Builder ID).',
    );
    simLogin(world, {method: 'idc', startUrl: 'https://d-123.awsapps.com/start', profile: 'dev'});
    const idc = await doctorJson(world);
    expect(idc.check('credential').message).toBe(
      'Authenticated: IAM Identity Center login (Logged in with IAM Identity Center (https://d-123.awsapps.com/start)).',
    );
  });

  test('not logged in fails with the login fix', async () => {
    const world = makeWorld({KIRO_API_KEY: undefined});
    const {run, check} = await doctorJson(world);
    expect(run.code).toBe(1);
    expect(check('credential')).toEqual({
      status: 'fail',
      message: 'kiro-cli is not logged in (Not logged in).',
      fix: 'Set KIRO_API_KEY (a ksk_… key), or run `kiro-cli login` on this machine.',
    });
  });

  test('in CI without a key the api-key check warns; a key not shaped ksk_ warns and stays masked', async () => {
    const ci = makeWorld({KIRO_API_KEY: undefined, GITHUB_ACTIONS: 'true'});
    simLogin(ci, {method: 'builder-id'});
    const inCi = await doctorJson(ci);
    expect(inCi.run.code).toBe(0);
    expect(inCi.check('api-key')).toEqual({
      status: 'warn',
      message: 'KIRO_API_KEY is not set in GitHub Actions, where no browser login can happen.',
      fix: 'Store the key as a CI secret and expose it as KIRO_API_KEY.',
    });
    expect(inCi.check('ci').message).toBe(
      'GitHub Actions detected: plain output, no prompts (sessions delete needs --yes).',
    );
    const odd = makeWorld({KIRO_API_KEY: 'abcdefghijklmnop1a2b'});
    const shaped = await doctorJson(odd);
    expect(shaped.check('api-key').message).toBe(
      'KIRO_API_KEY is set (abcd…1a2b) but does not start with ksk_.',
    );
    expect(shaped.run.stdout).not.toContain('abcdefghijklmnop1a2b');
  });

  test('a hanging whoami fails as timed out, and the whole run ends within the bound + 1 s', async () => {
    const world = makeWorld({KIRO_API_KEY: undefined, KIRO_SIM_WHOAMI: 'hang'});
    const started = Date.now();
    const {run, check} = await doctorJson(world, ['--check-timeout', '1s', '--model', 'auto']);
    const elapsed = Date.now() - started;
    expect(run.code).toBe(1);
    expect(check('credential')).toEqual({
      status: 'fail',
      message: 'kiro-cli whoami gave no answer within 1000 ms.',
      fix: 'Check the network and proxy settings; raise --check-timeout on a slow link.',
    });
    expect(check('model').status).toBe('skip');
    expect(elapsed).toBeLessThan(2000);
  });
});

describe('kiro-x doctor: configuration', () => {
  test('a broken config file is a failing check, not a crash; flags still apply', async () => {
    const world = makeWorld();
    writeFileSync(path.join(world.workspace, '.kirorc.json'), '{"modle": "auto"}');
    const {run, check} = await doctorJson(world, ['--model', 'auto']);
    expect(run.code).toBe(1);
    const config = check('config');
    expect(config.status).toBe('fail');
    expect(config.message).toContain(path.join(world.workspace, '.kirorc.json'));
    expect(config.message).toContain('modle');
    expect(check('model').message).toBe('Model "auto" is available.');
  });

  test('a valid config is named, and its agent and model are the ones checked', async () => {
    const world = makeWorld();
    const file = path.join(world.workspace, '.kirorc.json');
    writeFileSync(file, JSON.stringify({agent: 'reviewer', model: 'claude-haiku-4.5'}));
    const agentFile = writeAgent(world, 'reviewer', {name: 'reviewer', tools: ['read']});
    const {run, check} = await doctorJson(world);
    expect(run.code).toBe(0);
    expect(check('config').message).toBe(`Using ${file} (valid).`);
    expect(check('agent').message).toBe(`Agent "reviewer" at ${agentFile}.`);
    expect(check('model').message).toBe('Model "claude-haiku-4.5" is available.');
  });

  test('bad KIRO_X_* variables fail the config check', async () => {
    const world = makeWorld({KIRO_X_TIMEOUT: 'soon'});
    const {run, check} = await doctorJson(world);
    expect(run.code).toBe(1);
    expect(check('config').status).toBe('fail');
    expect(check('config').message).toContain('KIRO_X_TIMEOUT');
  });

  test('a bad flag is a usage error (exit 2)', async () => {
    const world = makeWorld();
    const run = await runKiroX(['doctor', '--check-timeout', 'soon'], {world});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--check-timeout');
  });
});

describe('kiro-x doctor: agent', () => {
  test('workspace first, then $KIRO_HOME/agents', async () => {
    const world = makeWorld();
    const global = writeAgent(world, 'helper', {name: 'helper'}, 'global');
    expect((await doctorJson(world, ['--agent', 'helper'])).check('agent').message).toBe(
      `Agent "helper" at ${global}.`,
    );
    const local = writeAgent(world, 'helper', {name: 'helper'});
    expect((await doctorJson(world, ['--agent', 'helper'])).check('agent').message).toBe(
      `Agent "helper" at ${local}.`,
    );
  });

  test('a missing agent fails naming both places', async () => {
    const world = makeWorld();
    const {run, check} = await doctorJson(world, ['--agent', 'ghost']);
    expect(run.code).toBe(1);
    const ws = path.join(world.workspace, '.kiro', 'agents', 'ghost.json');
    expect(check('agent')).toEqual({
      status: 'fail',
      message: `No agent named "ghost": looked in ${ws} and ${path.join(world.kiroHome, 'agents', 'ghost.json')}.`,
      fix: `Create ${ws}, or fix the name in --agent / .kirorc.`,
    });
  });

  test('invalid JSON and wrongly typed fields fail; unknown fields warn', async () => {
    const world = makeWorld();
    const broken = writeAgent(world, 'broken', '{"name": ');
    const bad = await doctorJson(world, ['--agent', 'broken']);
    expect(bad.check('agent').status).toBe('fail');
    expect(bad.check('agent').message).toContain(`Agent "broken" at ${broken} is not valid JSON`);
    const typed = writeAgent(world, 'typed', {name: 'typed', tools: 'read'});
    expect((await doctorJson(world, ['--agent', 'typed'])).check('agent').message).toBe(
      `Agent "typed" at ${typed}: "tools" must be a list of strings.`,
    );
    const odd = writeAgent(world, 'odd', {name: 'other', colour: 'blue'});
    const warned = await doctorJson(world, ['--agent', 'odd']);
    expect(warned.run.code).toBe(0);
    expect(warned.check('agent')).toEqual({
      status: 'warn',
      message: `Agent "odd" at ${odd}: unknown fields "colour"; "name" is "other", not "odd".`,
      fix: 'Remove or rename those fields, and keep "name" equal to the file name.',
    });
  });

  test('an agent given as a path fails', async () => {
    const world = makeWorld();
    const {check} = await doctorJson(world, ['--agent', './a/b']);
    expect(check('agent').status).toBe('fail');
    expect(check('agent').message).toBe('--agent takes an agent name, not a path: "./a/b".');
  });
});

describe('kiro-x doctor: model', () => {
  test('a model missing from the account list fails with the list', async () => {
    const world = makeWorld();
    const {run, check} = await doctorJson(world, ['--model', 'gpt-9']);
    expect(run.code).toBe(1);
    expect(check('model')).toEqual({
      status: 'fail',
      message:
        'Model "gpt-9" is not in this account\'s list: auto, claude-sonnet-4.5, claude-haiku-4.5, claude-opus-4.5.',
      fix: 'Pick one of the listed ids with --model or `model` in .kirorc.',
    });
  });

  test('without a credential it is skipped with the reason', async () => {
    const world = makeWorld({KIRO_API_KEY: undefined});
    const {check} = await doctorJson(world, ['--model', 'auto']);
    expect(check('model')).toEqual({
      status: 'skip',
      message: 'Not checked: the credential check failed (not-logged-in).',
      fix: 'Fix the credential, then run doctor again.',
    });
  });
});

describe('kiro-x doctor: environment', () => {
  const mcpAgent = {
    name: 'tools',
    mcpServers: {github: {command: 'npx'}, off: {command: 'x', disabled: true}},
  };

  test('MCP servers under an API key warn; with a login they pass', async () => {
    const world = makeWorld();
    writeAgent(world, 'tools', mcpAgent);
    const keyed = await doctorJson(world, ['--agent', 'tools']);
    expect(keyed.run.code).toBe(0);
    expect(keyed.check('mcp')).toEqual({
      status: 'warn',
      message: 'MCP servers github are configured, but kiro-cli disables MCP under API-key authentication.',
      fix: 'Run turns that need MCP with a kiro-cli login instead of KIRO_API_KEY, or drop the servers.',
    });
    const login = makeWorld({KIRO_API_KEY: undefined});
    simLogin(login, {method: 'builder-id'});
    writeAgent(login, 'tools', mcpAgent);
    expect((await doctorJson(login, ['--agent', 'tools'])).check('mcp')).toEqual({
      status: 'pass',
      message: 'MCP servers github (available with a login credential).',
      fix: null,
    });
  });

  test('an unreadable mcpConfig fails the mcp check', async () => {
    const world = makeWorld();
    writeFileSync(path.join(world.workspace, '.kirorc.json'), JSON.stringify({mcpConfig: 'mcp.json'}));
    writeFileSync(path.join(world.workspace, 'mcp.json'), '{"mcpServers": []}');
    const {run, check} = await doctorJson(world);
    expect(run.code).toBe(1);
    expect(check('mcp').status).toBe('fail');
    expect(check('mcp').message).toBe(
      `--mcp-config ${path.join(world.workspace, 'mcp.json')}: "mcpServers" must be an object of servers.`,
    );
  });

  test('profile directory: writable passes, stale profiles warn, a file or symlink in the way fails', async () => {
    const world = makeWorld();
    const dir = path.join(world.workspace, '.kiro', 'agents');
    mkdirSync(dir, {recursive: true});
    expect((await doctorJson(world)).check('profile-dir').message).toBe(`${dir} is writable.`);
    writeFileSync(path.join(dir, 'kiro-x-0123456789ab.json'), '{}');
    const stale = await doctorJson(world);
    expect(stale.run.code).toBe(0);
    expect(stale.check('profile-dir')).toEqual({
      status: 'warn',
      message: `${dir} holds 1 kiro-x-* profile, left by interrupted runs or by a run going on now.`,
      fix: `When no kiro-x run is active: rm ${dir}/kiro-x-*.json`,
    });
    const blocked = makeWorld();
    writeFileSync(path.join(blocked.workspace, '.kiro'), 'not a directory');
    expect((await doctorJson(blocked)).check('profile-dir')).toEqual({
      status: 'fail',
      message: `${path.join(blocked.workspace, '.kiro')} is not a directory, so ${path.join(blocked.workspace, '.kiro', 'agents')} cannot be created.`,
      fix: `Move ${path.join(blocked.workspace, '.kiro')} out of the way.`,
    });
    const linked = makeWorld();
    symlinkSync(linked.home, path.join(linked.workspace, '.kiro'));
    const viaLink = await doctorJson(linked);
    expect(viaLink.run.code).toBe(1);
    expect(viaLink.check('profile-dir').message).toBe(
      `${path.join(linked.workspace, '.kiro')} is a symlink; kiro-x refuses to write agent profiles through one.`,
    );
  });
});

describe('kiro-x doctor: JUnit', () => {
  test('--output junit validates against the Jenkins XSD: a testcase per check, failures and skips', async () => {
    const world = makeWorld({KIRO_API_KEY: undefined});
    const run = await runKiroX(['doctor', '-o', 'junit', '--model', 'auto'], {world});
    expect(run.code).toBe(1);
    expect(await validateJunit(run.stdout)).toEqual({valid: true, errors: []});
    const cases = elements(readXml(run.stdout), 'testcase');
    expect(cases.map((c) => c.getAttribute('name'))).toEqual(CHECK_IDS);
    const credential = cases[3];
    expect(elements(credential!, 'failure')[0]?.getAttribute('message')).toBe(
      'kiro-cli is not logged in (Not logged in).',
    );
    expect(elements(cases[6]!, 'skipped')).toHaveLength(1);
  });

  test('--junit-file writes the report beside the text; --strict makes warnings failures', async () => {
    const world = makeWorld({KIRO_SIM_VERSION: '2.0.0'});
    const file = path.join(world.workspace, 'reports', 'doctor.xml');
    const run = await runKiroX(['doctor', '--strict', '--junit-file', file], {world});
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('! kiro-cli');
    const xml = readFileSync(file, 'utf8');
    expect(await validateJunit(xml)).toEqual({valid: true, errors: []});
    const failure = elements(readXml(xml), 'failure');
    expect(failure.map((f) => f.getAttribute('type'))).toEqual(['warn']);
  });
});
