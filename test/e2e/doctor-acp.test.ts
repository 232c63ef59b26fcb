import {existsSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';

import {afterAll, afterEach, describe, expect, test} from 'vitest';

import {CHECK_IDS, doctorJson, simLogin} from './doctor-helpers.js';
import type {ChildProcess} from 'node:child_process';

import {alive, makeWorld, records, removeWorlds, runKiroX, waitFor, type World} from './harness.js';
import {closeAll, startMcp, structured} from './mcp-client.js';

afterEach(closeAll);
afterAll(removeWorlds);

interface SimRecord {
  argv: string[];
  pid: number;
  endedAt: number | null;
}

const acpRecords = (world: World): SimRecord[] =>
  (records(world) as unknown as SimRecord[]).filter((r) => r.argv[0] === 'acp');

/** Every `kiro-cli acp` doctor started is gone, holds no session lock, and left no session in the store. */
async function nothingLeft(world: World): Promise<void> {
  const started = acpRecords(world);
  expect(started).toHaveLength(1);
  expect(await waitFor(() => started.every((r) => !alive(r.pid)), 2000)).toBe(true);
  const store = path.join(world.kiroHome, 'sessions', 'cli');
  expect(existsSync(store) ? readdirSync(store) : []).toEqual([]);
}

const PASS =
  /^ACP protocol 1, Kiro CLI Agent 2\.21\.2, (V2|V3) dialect, session\/load offered; a session opened in \d+ ms, so kiro-cli found a credential \(not proven until a real turn runs: --probe\)\.$/;

describe('kiro-x doctor --engine acp', () => {
  test('the handshake passes with every field reported; the process is ended and no session is left', async () => {
    const world = makeWorld();
    const {run, doc, check} = await doctorJson(world, ['--engine', 'acp']);
    expect(run.code).toBe(0);
    expect(doc.checks.map((c) => c.id)).toEqual([...CHECK_IDS, 'acp']);
    const acp = check('acp');
    expect(acp.status).toBe('pass');
    expect(acp.message).toMatch(PASS);
    expect(acp.message).toContain('V2 dialect');
    expect(acp.fix).toBeNull();
    // kiro-cli 2.21 takes --agent-engine: the check starts acp as a turn would, pinned to V2.
    expect(acpRecords(world).map((r) => r.argv)).toEqual([['acp', '--agent-engine=v2']]);
    await nothingLeft(world);
  });

  test('the agent and model settings are on the argv as a turn puts them', async () => {
    const world = makeWorld();
    const {check} = await doctorJson(world, ['--engine', 'acp', '--model', 'claude-sonnet-4.5']);
    expect(check('acp').status).toBe('pass');
    expect(acpRecords(world).map((r) => r.argv)).toEqual([
      ['acp', '--agent-engine=v2', '--model', 'claude-sonnet-4.5'],
    ]);
  });

  test('V3 (--harness v3): the V3 dialect is started and reported', async () => {
    const world = makeWorld();
    const {run, check} = await doctorJson(world, ['--engine', 'acp', '--harness', 'v3']);
    expect(run.code).toBe(0);
    expect(check('acp').message).toMatch(PASS);
    expect(check('acp').message).toContain('V3 dialect');
    expect(acpRecords(world).map((r) => r.argv)).toEqual([['acp', '--agent-engine=v3', '--auth-method=cli']]);
    await nothingLeft(world);
  });

  test('not logged in: kiro-cli acp exits before any frame, the check fails with the login fix, exit 1', async () => {
    const world = makeWorld({KIRO_API_KEY: undefined});
    const {run, check} = await doctorJson(world, ['--engine', 'acp']);
    expect(run.code).toBe(1);
    expect(check('acp')).toEqual({
      status: 'fail',
      message:
        'kiro-cli acp has no usable credential (exit 1): "error: You are not logged in, please log in with kiro-cli login".',
      fix: 'Set KIRO_API_KEY (a ksk_… key), or run `kiro-cli login` on this machine.',
    });
    await nothingLeft(world);
  });

  test('an expired login shows the same way under V3 (--auth-method=cli reads the login)', async () => {
    const world = makeWorld({KIRO_API_KEY: undefined});
    simLogin(world, {method: 'builder-id', expired: 'login'});
    const {run, check} = await doctorJson(world, ['--engine', 'acp', '--harness', 'v3']);
    expect(run.code).toBe(1);
    expect(check('acp').status).toBe('fail');
    expect(check('acp').message).toContain('You are not logged in');
    await nothingLeft(world);
  });

  test('an invalid KIRO_API_KEY passes the handshake (kiro-cli refuses it only on a prompt); --probe runs on acp and catches it', async () => {
    const world = makeWorld({KIRO_API_KEY: 'ksk_invalid_0123456789abcdef'});
    const {run, check} = await doctorJson(world, ['--engine', 'acp', '--probe']);
    expect(run.code).toBe(1);
    expect(check('acp').message).toMatch(PASS);
    expect(check('probe').status).toBe('fail');
    expect(check('probe').fix).toBe(
      'Create a new API key in the Kiro console and store it as KIRO_API_KEY: this one was refused.',
    );
    // The probe turn ran on kiro-cli acp too, with its generated tool-less profile.
    // Both start concurrently: compared in a fixed order.
    expect(
      acpRecords(world)
        .map((r) => r.argv.slice(0, 3))
        .sort((a, b) => a.length - b.length),
    ).toEqual([
      ['acp', '--agent-engine=v2'],
      ['acp', '--agent-engine=v2', '--agent'],
    ]);
  });

  test('a slow start-up beyond --check-timeout fails within the bound and leaves no process', async () => {
    const world = makeWorld({KIRO_SIM_ACP_STARTUP_MS: '8000'});
    const begun = Date.now();
    const {run, check} = await doctorJson(world, ['--engine', 'acp', '--check-timeout', '1s']);
    const took = Date.now() - begun;
    expect(run.code).toBe(1);
    expect(check('acp')).toEqual({
      status: 'fail',
      message: 'kiro-cli acp did not answer initialize within 1000 ms.',
      fix: 'kiro-cli loads agents, MCP servers and its credential first: check the network, or raise --check-timeout on a slow machine.',
    });
    // The `--version` it shares, the 1 s bound and the end of the process; far from the sim's 8 s.
    expect(took).toBeLessThan(5000);
    await nothingLeft(world);
  });

  test('SIGINT while kiro-cli acp starts ends it at once: exit 130, no process left', async () => {
    const world = makeWorld({KIRO_SIM_ACP_STARTUP_MS: '8000'});
    let child: ChildProcess | undefined;
    const running = runKiroX(['doctor', '--engine', 'acp', '--check-timeout', '20s'], {
      world,
      onSpawn: (c) => (child = c),
    });
    expect(await waitFor(() => acpRecords(world).length > 0, 10_000)).toBe(true);
    const sentAt = Date.now();
    child?.kill('SIGINT');
    const run = await running;
    expect(run.code).toBe(130);
    expect(Date.now() - sentAt).toBeLessThan(3000);
    await nothingLeft(world);
  });

  test('a start-up error (unknown --model) is quoted from stderr', async () => {
    const world = makeWorld();
    const {run, check} = await doctorJson(world, ['--engine', 'acp', '--model', 'nope']);
    expect(run.code).toBe(1);
    const acp = check('acp');
    expect(acp.status).toBe('fail');
    expect(acp.message).toMatch(
      /^kiro-cli acp ended without answering initialize \(exit 1\): "error: Model 'nope' does not exist\. Available models: .+"\.$/,
    );
    expect(acp.fix).toMatch(
      /^Run `.+\/kiro-cli acp --agent-engine=v2 --model nope` by hand to see what it prints\.$/,
    );
  });

  test('engine: acp in .kirorc and KIRO_X_ENGINE=acp add the check; --engine headless removes it', async () => {
    const fromConfig = makeWorld();
    writeFileSync(path.join(fromConfig.workspace, '.kirorc.json'), '{"engine": "acp"}');
    expect((await doctorJson(fromConfig)).check('acp').status).toBe('pass');

    const fromEnv = makeWorld({KIRO_X_ENGINE: 'acp'});
    expect((await doctorJson(fromEnv)).check('acp').status).toBe('pass');

    const overridden = makeWorld({KIRO_X_ENGINE: 'acp'});
    const {doc} = await doctorJson(overridden, ['--engine', 'headless']);
    expect(doc.checks.map((c) => c.id)).toEqual(CHECK_IDS);
    expect(acpRecords(overridden)).toEqual([]);
  });

  test('kiro-cli missing: the check is skipped, not run', async () => {
    const world = makeWorld();
    const {check} = await doctorJson(world, ['--engine', 'acp', '--cli-path', '/nowhere/kiro-cli']);
    expect(check('acp')).toEqual({
      status: 'skip',
      message: 'Not checked: kiro-cli was not found.',
      fix: 'Fix the kiro-cli check first.',
    });
  });
});

describe('kiro_doctor (MCP) on a server started with --engine acp', () => {
  test("the server's engine adds the acp check", async () => {
    const world = makeWorld();
    const {client} = await startMcp(world, ['--engine', 'acp']);
    const doc = structured(await client.callTool({name: 'kiro_doctor', arguments: {}}));
    const checks = doc.checks as Array<{id: string; status: string; message: string}>;
    expect(checks.map((check) => check.id)).toEqual([...CHECK_IDS, 'acp']);
    expect(checks.at(-1)?.message).toMatch(PASS);
    await nothingLeft(world);
  });
});
