import {existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';

import {describe, expect, test} from 'vitest';

import {readXml, elements, validateJunit} from '../helpers/validate.js';
import {makeWorld, records, runKiroX, SIM_BIN, TEST_KEY} from './harness.js';
import {CHECK_IDS, doctorJson, simLogin, writeAgent} from './doctor-helpers.js';

describe('kiro-x doctor: a healthy setup', () => {
  test('every check passes, exit 0, the JSON matches its schema and never shows the key', async () => {
    const world = makeWorld();
    const {run, doc, check} = await doctorJson(world, ['--model', 'claude-sonnet-4.5']);
    expect(run.code).toBe(0);
    expect(doc.ok).toBe(true);
    expect(doc.checks.map((c) => c.id)).toEqual(CHECK_IDS);
    expect(doc.checks.map((c) => c.status)).toEqual(CHECK_IDS.map(() => 'pass'));
    expect(doc.summary).toEqual({pass: 11, warn: 0, fail: 0, skip: 0});
    expect(check('kiro-cli').message).toBe(`kiro-cli 2.21.2 at ${path.join(SIM_BIN, 'kiro-cli')}.`);
    expect(check('harness').message).toBe(
      'V2, not pinned: kiro-cli 2.21.2 runs V2 headless unless told otherwise.',
    );
    expect(check('api-key').message).toBe('KIRO_API_KEY is set (ksk_…cdef).');
    expect(check('credential').message).toBe(
      'Authenticated: API key; not proven until a real turn runs (--probe).',
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
    expect(lines.slice(0, 11).map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual(
      CHECK_IDS.map((id) => `✔ ${id}`),
    );
    expect(lines.slice(11)).toEqual(['', 'kiro-x is ready (11 passed, 0 warnings, 0 failed).', '']);
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
      'Authenticated: Builder ID login (Logged in with Builder ID); not proven until a real turn runs (--probe).',
    );
    simLogin(world, {method: 'idc', startUrl: 'https://d-123.awsapps.com/start', profile: 'dev'});
    const idc = (await doctorJson(world)).check('credential').message;
    const older = (await doctorJson({...world, env: {...world.env, KIRO_SIM_VERSION: '2.20.0'}})).check(
      'credential',
    ).message;
    // 2.21 moved the start URL to its own line; both read the same.
    for (const message of [idc, older]) {
      expect(message).toBe(
        'Authenticated: IAM Identity Center login (Logged in with IAM Identity Center (https://d-123.awsapps.com/start)); not proven until a real turn runs (--probe).',
      );
    }
  });

  test('Google and GitHub logins pass as social logins', async () => {
    const world = makeWorld({KIRO_API_KEY: undefined});
    for (const [provider, label] of [
      ['google', 'Google'],
      ['github', 'GitHub'],
    ] as const) {
      simLogin(world, {method: 'social', provider, email: 'me@example.com'});
      const {run, check} = await doctorJson(world, ['--model', 'auto']);
      expect(run.code).toBe(0);
      expect(check('credential')).toEqual({
        status: 'pass',
        message: `Authenticated: Google/GitHub login (Logged in with ${label}); not proven until a real turn runs (--probe).`,
        fix: null,
      });
      expect(check('model').status).toBe('pass');
    }
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
  test('resolves by the name inside the file, workspace before $KIRO_HOME; a file name unlike it warns', async () => {
    const world = makeWorld();
    const global = writeAgent(world, 'helper', {name: 'helper'}, 'global');
    expect((await doctorJson(world, ['--agent', 'helper'])).check('agent').message).toBe(
      `Agent "helper" at ${global}.`,
    );
    const local = writeAgent(world, 'h', {name: 'helper'});
    const {run, check} = await doctorJson(world, ['--agent', 'helper']);
    expect(run.code).toBe(0);
    expect(check('agent')).toEqual({
      status: 'warn',
      message: `Agent "helper" at ${local}: the file name differs from "name": "helper".`,
      fix: 'Keep one file per agent, named helper.json.',
    });
  });

  test('a missing agent fails naming both directories, and a file whose name field differs', async () => {
    const world = makeWorld();
    const ws = path.join(world.workspace, '.kiro', 'agents');
    const global = path.join(world.kiroHome, 'agents');
    const {run, check} = await doctorJson(world, ['--agent', 'ghost']);
    expect(run.code).toBe(1);
    expect(check('agent')).toEqual({
      status: 'fail',
      message: `No agent named "ghost" in ${ws} or ${global}.`,
      fix: `Create ${ws}/ghost.json with "name": "ghost", or fix the name in --agent / .kirorc.`,
    });
    const a = writeAgent(world, 'a', {name: 'b'});
    expect((await doctorJson(world, ['--agent', 'a'])).check('agent').message).toBe(
      `No agent named "a" in ${ws} or ${global}. ${a} declares "name": "b" (kiro-cli matches the name inside the file).`,
    );
  });

  test('fails a file kiro-cli 2.x would reject, naming the file and the key; passes every key 2.x accepts', async () => {
    const world = makeWorld();
    const keys =
      '$schema, name, description, prompt, mcpServers, tools, toolAliases, allowedTools, resources, hooks, toolsSettings, useLegacyMcpJson, includeMcpJson, model, keyboardShortcut, welcomeMessage';
    const odd = writeAgent(world, 'odd', {name: 'odd', tools: [], colour: 'blue'});
    const rejected = await doctorJson(world, ['--agent', 'odd']);
    expect(rejected.run.code).toBe(1);
    expect(rejected.check('agent')).toEqual({
      status: 'fail',
      message: `kiro-cli would reject the agent file ${odd} and fall back to its default agent: unknown key "colour" (kiro-cli 2.x rejects the whole file for it).`,
      fix: `Fix ${odd}; kiro-cli 2.x accepts only the keys ${keys}.`,
    });
    const v3 = writeAgent(world, 'planner', {name: 'planner', permissions: {}});
    expect((await doctorJson(world, ['--agent', 'planner'])).check('agent').message).toBe(
      `kiro-cli would reject the agent file ${v3} and fall back to its default agent: unknown key "permissions" (kiro-cli 2.x rejects the whole file for it).`,
    );
    const underV3 = await doctorJson(world, ['--agent', 'planner', '--harness', 'v3']);
    expect(underV3.check('agent')).toEqual({status: 'pass', message: `Agent "planner" at ${v3}.`, fix: null});
    const broken = writeAgent(world, 'broken', '{"name": ');
    expect((await doctorJson(world, ['--agent', 'broken'])).check('agent').message).toMatch(
      new RegExp(
        `^kiro-cli would reject the agent file ${broken} and fall back to its default agent: not valid JSON: `,
      ),
    );
    const typed = writeAgent(world, 'typed', {name: 'typed', tools: 'read'});
    expect((await doctorJson(world, ['--agent', 'typed'])).check('agent').message).toBe(
      `kiro-cli would reject the agent file ${typed} and fall back to its default agent: "tools" must be a list of strings.`,
    );
    const nameless = writeAgent(world, 'nameless', {tools: ['read']});
    expect((await doctorJson(world, ['--agent', 'nameless'])).check('agent').message).toBe(
      `kiro-cli would reject the agent file ${nameless} and fall back to its default agent: no "name" (kiro-cli 2.x requires it).`,
    );
    const full = writeAgent(world, 'full', {
      name: 'full',
      description: 'every key',
      keyboardShortcut: 'ctrl+shift+f',
      welcomeMessage: 'hello',
      useLegacyMcpJson: false,
      toolAliases: {},
      $schema: 'https://example.com/agent.json',
    });
    expect((await doctorJson(world, ['--agent', 'full'])).check('agent')).toEqual({
      status: 'pass',
      message: `Agent "full" at ${full}.`,
      fix: null,
    });
  });

  test('with no agent set, an agent file kiro-cli reports as invalid on every run warns', async () => {
    const world = makeWorld();
    expect((await doctorJson(world)).check('agent').status).toBe('pass');
    const stray = writeAgent(world, 'old', {name: 'old', permissions: {}}, 'global');
    writeAgent(world, 'kiro-x-0123456789ab', '{"name":', 'workspace');
    const {run, check} = await doctorJson(world);
    expect(run.code).toBe(0);
    expect(check('agent')).toEqual({
      status: 'warn',
      message: `No agent set, but kiro-cli reports these agent files as invalid on every run: ${stray} (unknown key "permissions" (kiro-cli 2.x rejects the whole file for it)).`,
      fix: expect.stringMatching(
        /^Fix or remove them; kiro-cli 2\.x accepts only the keys \$schema, name, /,
      ) as string,
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
    const credential = cases[4];
    expect(elements(credential!, 'failure')[0]?.getAttribute('message')).toBe(
      'kiro-cli is not logged in (Not logged in).',
    );
    expect(elements(cases[7]!, 'skipped')).toHaveLength(1);
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

describe('kiro-x doctor: harness', () => {
  test('unpinned passes on 2.x and warns on 3.x; a pin this version cannot honour fails naming flag and version', async () => {
    const world = makeWorld();
    const pinned = await doctorJson(world, ['--harness', 'v3']);
    expect(pinned.check('harness')).toEqual({
      status: 'pass',
      message: 'V3, pinned: kiro-x passes --v3.',
      fix: null,
    });
    const old = makeWorld({KIRO_SIM_VERSION: '2.5.0', KIRO_X_HARNESS: 'v3'});
    const tooOld = await doctorJson(old);
    expect(tooOld.run.code).toBe(1);
    expect(tooOld.check('harness')).toEqual({
      status: 'fail',
      message: '--harness v3 needs kiro-cli 2.8 or newer; this is kiro-cli 2.5.0.',
      fix: 'Update kiro-cli (kiro-cli update), or unset --harness (`harness` in .kirorc, KIRO_X_HARNESS).',
    });
    const three = makeWorld({KIRO_SIM_VERSION: '3.1.0'});
    const unpinned = await doctorJson(three);
    expect(unpinned.run.code).toBe(0);
    expect(unpinned.check('harness')).toEqual({
      status: 'warn',
      message:
        'Not pinned: kiro-cli 3.1.0 picks the harness itself (V2 headless, with exceptions for scripts and CI).',
      fix: 'Pin it with --harness v2 or v3 (`harness` in .kirorc, KIRO_X_HARNESS).',
    });
    writeFileSync(path.join(three.workspace, '.kirorc.json'), JSON.stringify({harness: 'v2'}));
    expect((await doctorJson(three)).check('harness').message).toBe('V2, pinned: kiro-x passes --v2.');
  });
});

describe('kiro-x doctor: never a login, and the real credential', () => {
  test('lists models with --no-interactive; a listing that refuses the credential fails the model check', async () => {
    const world = makeWorld({KIRO_API_KEY: undefined});
    simLogin(world, {method: 'builder-id', expired: true});
    const {run, check} = await doctorJson(world, ['--model', 'auto']);
    expect(run.code).toBe(1);
    expect(check('credential').status).toBe('pass');
    expect(check('model')).toEqual({
      status: 'fail',
      message:
        'kiro-cli refused to list models: "Authentication failed. Your login may be invalid or expired." — whoami passed, but the credential does not work.',
      fix: 'Set a valid KIRO_API_KEY, or run `kiro-cli login` again (an expired login or an account without a Kiro subscription passes whoami).',
    });
    const listing = records(world).find((r) => (r.argv as string[]).includes('--list-models'));
    expect(listing?.argv).toEqual(['chat', '--no-interactive', '--list-models', '--format', 'json']);
  });

  test('sets KIRO_NO_AUTO_UPDATE=1 for every kiro-cli it starts, unless the user set it', async () => {
    const world = makeWorld();
    await doctorJson(world, ['--model', 'auto']);
    const seen = records(world).map(
      (r) => (r.env as {KIRO_NO_AUTO_UPDATE: string | null}).KIRO_NO_AUTO_UPDATE,
    );
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(new Set(seen)).toEqual(new Set(['1']));
    const own = makeWorld({KIRO_NO_AUTO_UPDATE: '0'});
    await doctorJson(own, ['--model', 'auto']);
    expect(
      new Set(records(own).map((r) => (r.env as {KIRO_NO_AUTO_UPDATE: string}).KIRO_NO_AUTO_UPDATE)),
    ).toEqual(new Set(['0']));
  });

  test('--probe runs one tool-less turn that passes with a working key and leaves nothing behind', async () => {
    const world = makeWorld();
    const {run, doc, check} = await doctorJson(world, ['--probe']);
    expect(run.code).toBe(0);
    expect(doc.checks.map((c) => c.id)).toEqual([...CHECK_IDS, 'probe']);
    expect(check('probe').status).toBe('pass');
    expect(check('probe').message).toMatch(
      /^One real turn completed \(\d+\.\d s, 0\.06 credits\): the credential works end to end\.$/,
    );
    const turn = records(world).find((r) => r.prompt !== null);
    expect(turn).toMatchObject({
      prompt: 'Reply with the single word OK.',
      agentJson: {tools: [], allowedTools: []},
      trustAll: false,
      trustedTools: [],
    });
    expect(turn?.argv).not.toContain('--trust-tools=');
    expect(existsSync(path.join(world.workspace, '.kiro'))).toBe(false);
    // Not a conversation of the project: `ask --resume` there must never continue the probe.
    expect(turn?.cwd).not.toBe(world.workspace);
    expect(existsSync(String(turn?.cwd))).toBe(false);
  });

  test('--probe fails on a rejected key, an expired login, an account without entitlement, or no login', async () => {
    const rejected = makeWorld({KIRO_API_KEY: 'ksk_revoked_invalid'});
    const key = await doctorJson(rejected, ['--probe']);
    expect(key.run.code).toBe(1);
    expect(key.check('credential').status).toBe('pass');
    expect(key.check('probe')).toEqual({
      status: 'fail',
      message:
        'The probe turn was refused: "Authentication failed. Your API key may be invalid or expired.".',
      fix: 'Create a new API key in the Kiro console and store it as KIRO_API_KEY: this one was refused.',
    });
    const expired = makeWorld({KIRO_API_KEY: undefined});
    simLogin(expired, {method: 'social', provider: 'google', expired: true});
    expect((await doctorJson(expired, ['--probe'])).check('probe')).toEqual({
      status: 'fail',
      message: 'The probe turn was refused: "Authentication failed. Your login may be invalid or expired.".',
      fix: 'Run `kiro-cli login` again: the login may have expired, or the account may lack a Kiro subscription.',
    });
    simLogin(expired, {method: 'builder-id', entitled: false});
    expect((await doctorJson(expired, ['--probe'])).check('probe').message).toBe(
      'The probe turn was refused: "Authentication failed. Your account may not have access to Kiro.".',
    );
    const none = makeWorld({KIRO_API_KEY: undefined, KIRO_SIM_NO_CREDENTIAL: 'error'});
    expect((await doctorJson(none, ['--probe'])).check('probe')).toEqual({
      status: 'fail',
      message:
        'The probe turn was refused: "Not logged in. Set the KIRO_API_KEY environment variable or run `kiro-cli login` first.".',
      fix: 'Set KIRO_API_KEY (a ksk_… key), or run `kiro-cli login` on this machine.',
    });
  });

  test('--probe against a kiro-cli that starts a browser login fails at once as refused', async () => {
    const world = makeWorld({KIRO_API_KEY: undefined});
    const started = Date.now();
    const {check} = await doctorJson(world, ['--probe']);
    expect(check('probe').status).toBe('fail');
    expect(check('probe').message).toBe(
      'The probe turn was refused: "kiro-cli started a browser login that cannot finish headless, so it was stopped.".',
    );
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
