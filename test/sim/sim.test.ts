import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {createHash} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import stripAnsi from 'strip-ansi';
import {afterAll, describe, expect, it} from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const simBin = path.join(repoRoot, 'test/sim/bin');
const ESC = '\x1b';
const MARK = `${ESC}[38;5;141m> ${ESC}[0m`;
const MARK_NO_COLOR = `${ESC}[m> ${ESC}[0m`;
const EOL = `${ESC}[0m${ESC}[0m\n`;
const MCP_OFF = 'Failed to retrieve MCP settings; MCP functionality disabled\n';
// `chat` errors: the kiro-cli-chat usage line and exit 1 since 2.4.2, the top-level form and exit 2 before.
const USAGE_TAIL = "\n\nUsage: kiro-cli-chat chat [OPTIONS] [INPUT]\n\nFor more information, try '--help'.\n";
const OLD_USAGE_TAIL = "\n\nUsage: kiro-cli chat [OPTIONS] [INPUT]\n\nFor more information, try '--help'.\n";

/** Bytes of a capture in ../shared/kiro-cli/captures. */
function capture(name: string): Buffer {
  return fs.readFileSync(path.resolve(repoRoot, '../shared/kiro-cli/captures', name));
}

const created: string[] = [];

function tempDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kiro-sim-${label}-`));
  created.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of created) fs.rmSync(dir, {recursive: true, force: true});
});

/** A fresh HOME, KIRO_HOME and working directory. */
interface Sandbox {
  home: string;
  kiroHome: string;
  cwd: string;
}

function sandbox(): Sandbox {
  return {home: tempDir('home'), kiroHome: tempDir('kiro'), cwd: fs.realpathSync(tempDir('cwd'))};
}

function envFor(box: Sandbox, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: [simBin, path.dirname(process.execPath), '/usr/bin', '/bin'].join(path.delimiter),
    HOME: box.home,
    KIRO_HOME: box.kiroHome,
    ...extra,
  };
}

function login(box: Sandbox, doc: object): void {
  const dir = path.join(box.home, '.local/share/kiro-cli');
  fs.mkdirSync(dir, {recursive: true});
  fs.writeFileSync(path.join(dir, 'sim-login.json'), JSON.stringify(doc));
}

interface Result {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  out: string;
  err: string;
}

interface RunOptions {
  env?: Record<string, string>;
  input?: string;
  cwd?: string;
}

/** Runs `kiro-cli ARGS` from test/sim/bin on PATH and waits for it. */
function run(box: Sandbox, args: string[], options: RunOptions = {}): Result {
  const result = spawnSync('kiro-cli', args, {
    cwd: options.cwd ?? box.cwd,
    env: envFor(box, options.env),
    input: options.input ?? '',
    timeout: 15_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    status: result.status,
    signal: result.signal,
    stdout: result.stdout,
    out: result.stdout.toString('utf8'),
    err: result.stderr.toString('utf8'),
  };
}

/** Runs a headless turn with an API key. */
function turn(box: Sandbox, prompt: string, flags: string[] = [], env: Record<string, string> = {}): Result {
  return run(box, ['chat', '--no-interactive', ...flags, '--', prompt], {
    env: {KIRO_API_KEY: 'ksk_test', ...env},
  });
}

const trailer = (time: string, credits = '0.06'): string =>
  `\n \u25b8 Credits: ${credits} \u2022 Time: ${time}\n\n`;

/** A simulator started in its own process group, with its output collected. */
interface Live {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{code: number | null; signal: NodeJS.Signals | null}>;
}

function start(box: Sandbox, args: string[], env: Record<string, string> = {}): Live {
  const child = spawn('kiro-cli', args, {
    cwd: box.cwd,
    env: envFor(box, env),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout?.on('data', (c: Buffer) => out.push(c));
  child.stderr?.on('data', (c: Buffer) => err.push(c));
  const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) =>
    child.on('exit', (code, signal) => resolve({code, signal})),
  );
  return {
    child,
    stdout: () => Buffer.concat(out).toString('utf8'),
    stderr: () => Buffer.concat(err).toString('utf8'),
    exited,
  };
}

function killGroup(live: Live): void {
  if (live.child.pid === undefined) return;
  try {
    process.kill(-live.child.pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

async function waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (predicate()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return predicate();
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// A zombie (killed, not yet reaped) counts as gone.
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = fs.existsSync(`/proc/${pid}/stat`) ? fs.readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

function readRecords(dir: string): Record<string, unknown>[] {
  return fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => JSON.parse(fs.readFileSync(path.join(dir, n), 'utf8')) as Record<string, unknown>);
}

function sessionFiles(box: Sandbox): string[] {
  const dir = path.join(box.kiroHome, 'sessions/cli');
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

function writeAgent(dir: string, name: string, doc: object | string): void {
  fs.mkdirSync(dir, {recursive: true});
  fs.writeFileSync(path.join(dir, `${name}.json`), typeof doc === 'string' ? doc : JSON.stringify(doc));
}

describe('version and help', () => {
  it('prints the simulated version, overridable', () => {
    const box = sandbox();
    expect(run(box, ['--version'])).toMatchObject({status: 0, out: 'kiro-cli 2.21.2\n', err: ''});
    expect(run(box, ['--version'], {env: {KIRO_SIM_VERSION: '2.5.0'}}).out).toBe('kiro-cli 2.5.0\n');
  });

  it('prints both 2.13.0 help captures byte for byte', () => {
    const box = sandbox();
    const root = run(box, ['--help']);
    expect(root.status).toBe(0);
    expect(root.stdout.equals(capture('help-2.13.0-root-help.txt'))).toBe(true);
    const chat = run(box, ['chat', '--help']);
    expect(chat.status).toBe(0);
    expect(chat.stdout.equals(capture('help-2.13.0-chat-help.txt'))).toBe(true);
  });
});

describe('clap-style argument errors', () => {
  it('rejects an unknown chat flag with exit 1 (2.4.2+), exit 2 before', () => {
    const box = sandbox();
    const r = run(box, ['chat', '--no-interactive', '--x', 'hi']);
    expect(r).toMatchObject({status: 1, out: '', err: `error: unexpected argument '--x' found${USAGE_TAIL}`});
    expect(run(box, ['chat', '--x'], {env: {KIRO_SIM_VERSION: '2.4.2'}}).status).toBe(1);
    expect(run(box, ['chat', '--x'], {env: {KIRO_SIM_VERSION: '2.4.1'}})).toMatchObject({
      status: 2,
      err: `error: unexpected argument '--x' found${OLD_USAGE_TAIL}`,
    });
    expect(run(box, ['--x'])).toMatchObject({
      status: 2,
      err: "error: unexpected argument '--x' found\n\nUsage: kiro-cli [OPTIONS] [COMMAND]\n\nFor more information, try '--help'.\n",
    });
  });

  it('rejects bad enum values with the possible values', () => {
    const box = sandbox();
    expect(run(box, ['chat', '--effort', 'foo'])).toMatchObject({
      status: 1,
      err: "error: invalid value 'foo' for '--effort <EFFORT>'\n  [possible values: low, medium, high, xhigh, max]\n\nFor more information, try '--help'.\n",
    });
    expect(run(box, ['chat', '-l', '--format=foo'])).toMatchObject({
      status: 1,
      err: "error: invalid value 'foo' for '--format <FORMAT>'\n  [possible values: plain, json, json-pretty]\n\nFor more information, try '--help'.\n",
    });
  });

  it('hides flags newer than the simulated version', () => {
    const box = sandbox();
    const env = {KIRO_SIM_VERSION: '2.1.0'};
    expect(run(box, ['chat', '--resume-id', 'x'], {env}).err).toBe(
      `error: unexpected argument '--resume-id' found${OLD_USAGE_TAIL}`,
    );
    expect(run(box, ['chat', '-l', '-f', 'json'], {env}).err).toBe(
      `error: unexpected argument '-f' found${OLD_USAGE_TAIL}`,
    );
    expect(run(box, ['chat', '--effort', 'low'], {env: {KIRO_SIM_VERSION: '2.9.9'}})).toMatchObject({
      status: 1,
      err: `error: unexpected argument '--effort' found${USAGE_TAIL}`,
    });
  });

  it('treats everything after -- as the prompt and refuses a second positional', () => {
    const box = sandbox();
    expect(turn(box, '--not-a-flag -a').out).toBe(`${MARK}You said: --not-a-flag -a`);
    const two = run(box, ['chat', '--no-interactive', 'one', 'two'], {env: {KIRO_API_KEY: 'ksk_a'}});
    expect(two).toMatchObject({status: 1, err: `error: unexpected argument 'two' found${USAGE_TAIL}`});
  });

  it('reports an unknown subcommand', () => {
    expect(run(sandbox(), ['frobnicate'])).toMatchObject({
      status: 2,
      err: "error: unrecognized subcommand 'frobnicate'\n\nUsage: kiro-cli [OPTIONS] [COMMAND]\n\nFor more information, try '--help'.\n",
    });
  });
});

describe('whoami', () => {
  it('reports each credential kind', () => {
    const box = sandbox();
    expect(run(box, ['whoami'], {env: {KIRO_API_KEY: 'ksk_expired'}})).toMatchObject({
      status: 0,
      out: 'Authenticated with API key\n',
    });
    expect(run(box, ['whoami'])).toMatchObject({status: 1, out: 'Not logged in\n'});
    expect(run(box, ['whoami', '--format', 'json']).out).toBe('{"account":null}\n');
    login(box, {method: 'builder-id'});
    expect(run(box, ['whoami'])).toMatchObject({status: 0, out: 'Logged in with Builder ID\n'});
    login(box, {method: 'builder-id', email: 'dev@example.com'});
    expect(run(box, ['whoami'])).toMatchObject({
      status: 0,
      out: 'Logged in with Builder ID\nEmail: dev@example.com\n',
    });
    login(box, {
      method: 'idc',
      startUrl: 'https://d-123.awsapps.com/start',
      region: 'us-east-1',
      profile: 'dev',
    });
    expect(run(box, ['whoami'])).toMatchObject({
      status: 0,
      out: 'Logged in with IAM Identity Center\nhttps://d-123.awsapps.com/start\nProfile: dev\n',
    });
    expect(run(box, ['whoami'], {env: {KIRO_SIM_VERSION: '2.20.0'}})).toMatchObject({
      status: 0,
      out: 'Logged in with IAM Identity Center (https://d-123.awsapps.com/start)\nProfile: dev\n',
    });
    expect(JSON.parse(run(box, ['whoami', '-f', 'json-pretty']).out)).toEqual({
      accountType: 'IamIdentityCenter',
      startUrl: 'https://d-123.awsapps.com/start',
      region: 'us-east-1',
      profile: 'dev',
    });
  });

  it('reports Google and GitHub logins', () => {
    const box = sandbox();
    login(box, {method: 'social', provider: 'google', email: 'me@gmail.com'});
    expect(run(box, ['whoami'])).toMatchObject({
      status: 0,
      out: 'Logged in with Google\nEmail: me@gmail.com\n',
    });
    expect(JSON.parse(run(box, ['whoami', '-f', 'json']).out)).toEqual({
      accountType: 'SocialGoogle',
      email: 'me@gmail.com',
    });
    login(box, {method: 'social', provider: 'github', email: 'me@users.noreply.github.com'});
    expect(run(box, ['whoami']).out).toBe('Logged in with GitHub\nEmail: me@users.noreply.github.com\n');
    expect(JSON.parse(run(box, ['whoami', '-f', 'json']).out)).toEqual({
      accountType: 'SocialGitHub',
      email: 'me@users.noreply.github.com',
    });
  });

  it('calls an expired login and an account without entitlement logged in; their turns fail', () => {
    const box = sandbox();
    for (const state of [{expired: true}, {entitled: false}]) {
      login(box, {method: 'builder-id', ...state});
      expect(run(box, ['whoami'])).toMatchObject({status: 0, out: 'Logged in with Builder ID\n'});
      const turn = run(box, ['chat', '--no-interactive', 'hi']);
      expect(turn.status).toBe(0);
      expect(turn.out).toBe('');
      expect(turn.err).toMatch(/^Authentication failed\. [^\n]+\n$/);
      const models = run(box, ['chat', '--no-interactive', '--list-models']);
      expect(models.status).toBe(1);
      expect(models.err).toBe(turn.err);
    }
  });

  it('turns an expired login that needs a new login into the no-credential behaviour', () => {
    const box = sandbox();
    login(box, {method: 'social', provider: 'github', expired: 'login'});
    expect(run(box, ['whoami']).status).toBe(0);
    expect(
      run(box, ['chat', '--no-interactive', 'hi'], {env: {KIRO_SIM_NO_CREDENTIAL: 'error'}}),
    ).toMatchObject({
      status: 1,
      err: 'Not logged in. Set the KIRO_API_KEY environment variable or run `kiro-cli login` first.\n',
    });
  });

  it('hangs with KIRO_SIM_WHOAMI=hang', async () => {
    const live = start(sandbox(), ['whoami'], {KIRO_API_KEY: 'ksk_a', KIRO_SIM_WHOAMI: 'hang'});
    try {
      const ended = await Promise.race([live.exited.then(() => true), sleep(500).then(() => false)]);
      expect(ended).toBe(false);
      expect(live.stdout()).toBe('');
    } finally {
      killGroup(live);
    }
  });
});

describe('credentials in chat', () => {
  it('fails an invalid key with exit 0 and no trailer', () => {
    for (const key of ['nope', 'ksk_invalid', 'ksk_expired_1']) {
      const r = turn(sandbox(), 'hi', [], {KIRO_API_KEY: key});
      expect(r).toMatchObject({
        status: 0,
        out: '',
        err: `${MCP_OFF}Authentication failed. Your API key may be invalid or expired.\n`,
      });
    }
  });

  it('blocks on a device code without any credential', async () => {
    const live = start(sandbox(), ['chat', '--no-interactive', 'hi']);
    try {
      expect(await waitFor(() => live.stdout().endsWith('Logging in...\n'))).toBe(true);
      expect(live.stdout()).toBe(
        'Confirm the following code in the browser\nCode: ABCD-EFGH\n\n' +
          'Open this URL: https://view.awsapps.com/start/#/device?user_code=ABCD-EFGH\n\nLogging in...\n',
      );
      const ended = await Promise.race([live.exited.then(() => true), sleep(300).then(() => false)]);
      expect(ended).toBe(false);
    } finally {
      killGroup(live);
    }
  });

  it('fails fast without a credential with KIRO_SIM_NO_CREDENTIAL=error', () => {
    const r = run(sandbox(), ['chat', '--no-interactive', 'hi'], {env: {KIRO_SIM_NO_CREDENTIAL: 'error'}});
    expect(r).toMatchObject({
      status: 1,
      out: '',
      err: 'Not logged in. Set the KIRO_API_KEY environment variable or run `kiro-cli login` first.\n',
    });
  });

  it('lists models without a credential: exit 1 at once with --no-interactive, a login without it', async () => {
    const box = sandbox();
    expect(run(box, ['chat', '--list-models', '--no-interactive', '-f', 'json'])).toMatchObject({
      status: 1,
      out: '',
      err: 'Not logged in. Set the KIRO_API_KEY environment variable or run `kiro-cli login` first.\n',
    });
    const live = start(box, ['chat', '--list-models']);
    try {
      expect(await waitFor(() => live.stdout().includes('http://127.0.0.1:'))).toBe(true);
    } finally {
      killGroup(live);
    }
  });

  it('uses a Builder ID login without the MCP-disabled line', () => {
    const box = sandbox();
    login(box, {method: 'builder-id'});
    expect(run(box, ['chat', '--no-interactive', 'hi'])).toMatchObject({
      status: 0,
      out: `${MARK}You said: hi`,
      err: trailer('1s'),
    });
  });
});

describe('input', () => {
  it('needs input in non-interactive mode', () => {
    const r = run(sandbox(), ['chat', '--no-interactive'], {env: {KIRO_API_KEY: 'ksk_a'}});
    expect(r).toMatchObject({
      status: 1,
      out: '',
      err: 'error: Input must be supplied when running in non-interactive mode\n',
    });
  });

  it('reads the whole of piped stdin when no positional is given', () => {
    const r = run(sandbox(), ['chat', '--no-interactive'], {
      env: {KIRO_API_KEY: 'ksk_a'},
      input: 'héllo 😀\nworld',
    });
    expect(r).toMatchObject({status: 0, out: `${MARK}You said: héllo 😀${EOL}world`});
  });

  it('does not simulate interactive mode', () => {
    const r = run(sandbox(), ['chat', 'hi'], {env: {KIRO_API_KEY: 'ksk_a'}});
    expect(r).toMatchObject({
      status: 1,
      out: '',
      err: 'kiro-cli simulator: interactive chat is not simulated; pass --no-interactive\n',
    });
  });
});

describe('transcript rendering', () => {
  const colors = 'List exactly three primary colors, one per line, no other text.';

  it('reproduces headless-2.21.2-colors.stdout byte for byte, with the trailer on stderr', () => {
    const r = turn(sandbox(), colors, ['--wrap', 'never']);
    expect(r.status).toBe(0);
    expect(r.stdout.equals(capture('headless-2.21.2-colors.stdout'))).toBe(true);
    expect(r.err).toBe(MCP_OFF + trailer('1s'));
  });

  it('keeps escapes with NO_COLOR and TERM=dumb, only the marker colour goes', () => {
    const r = turn(sandbox(), colors, [], {NO_COLOR: '1', TERM: 'dumb'});
    expect(r.out).toBe(`${MARK_NO_COLOR}Red${EOL}Blue${EOL}Yellow`);
    const ok = turn(sandbox(), 'ok', [], {NO_COLOR: '1'});
    expect(ok.stdout.equals(capture('headless-2.18.0-nocolor.stdout'))).toBe(true);
  });

  it('reproduces headless-2.x-markdown.stdout', () => {
    expect(turn(sandbox(), '[[sim:markdown]]').stdout.equals(capture('headless-2.x-markdown.stdout'))).toBe(
      true,
    );
  });

  it('renders answers, several messages, credits, time and the grey trailer', () => {
    const box = sandbox();
    expect(turn(box, '[[sim:answer=a\\nb]]').out).toBe(`${MARK}a${EOL}b`);
    expect(turn(box, 'x [[sim:messages=3]]').out).toBe(
      `${MARK}Step 1 of 3.${EOL}\n${MARK}Step 2 of 3.${EOL}\n${MARK}You said: x [[sim:messages=3]]`,
    );
    expect(turn(box, '[[sim:credits=1.25]][[sim:time=14m 9s]]').err).toBe(
      MCP_OFF + trailer('14m 9s', '1.25'),
    );
    expect(turn(box, 'g [[sim:time=2s]]', [], {KIRO_SIM_TRAILER: 'grey'}).err).toBe(
      `${MCP_OFF}\n${ESC}[38;5;244m \u25b8 Credits: 0.06 \u2022 Time: 2s${ESC}[0m\n\n`,
    );
  });

  it('prints a time-only trailer for a subscription without credits (KIRO_SIM_TRAILER=time)', () => {
    const box = sandbox();
    expect(turn(box, 'p [[sim:time=19s]]', [], {KIRO_SIM_TRAILER: 'time'})).toMatchObject({
      status: 0,
      out: `${MARK}You said: p [[sim:time=19s]]`,
      err: `${MCP_OFF}\n \u25b8 Time: 19s\n\n`,
    });
    expect(turn(box, 'p [[sim:time=3s]]', [], {KIRO_SIM_TRAILER: 'grey,time'}).err).toBe(
      `${MCP_OFF}\n${ESC}[38;5;244m \u25b8 Time: 3s${ESC}[0m\n\n`,
    );
  });

  it('measures the real elapsed time and honours sleep and KIRO_SIM_LATENCY_MS', () => {
    const box = sandbox();
    const slept = turn(box, '[[sim:sleep=1600]]');
    expect(slept.err).toBe(MCP_OFF + trailer('2s'));
    const began = Date.now();
    turn(box, 'latency', [], {KIRO_SIM_LATENCY_MS: '300'});
    expect(Date.now() - began).toBeGreaterThanOrEqual(300);
  });

  it('pays KIRO_SIM_STARTUP_MS on every chat start, not on --version', () => {
    const box = sandbox();
    const began = Date.now();
    expect(turn(box, 'hi', [], {KIRO_SIM_STARTUP_MS: '500'}).out).toBe(`${MARK}You said: hi`);
    expect(Date.now() - began).toBeGreaterThanOrEqual(500);
    const quick = Date.now();
    expect(run(box, ['--version'], {env: {KIRO_SIM_STARTUP_MS: '5000'}}).status).toBe(0);
    expect(Date.now() - quick).toBeLessThan(4000);
  });

  it('writes -v log lines to stdout', () => {
    const r = turn(sandbox(), 'hi', ['-v']);
    const lines = r.out.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^\d{4}-\d\d-\d\dT[\d:.]+Z {2}INFO chat_cli::cli::chat: kiro-cli 2\.21\.2 starting chat$/,
    );
    expect(lines[2]).toBe(`${MARK}You said: hi`);
  });
});

describe('tools and trust', () => {
  it('reproduces the trust-all stderr and the stripped tools stdout of the same run', () => {
    const box = sandbox();
    login(box, {method: 'builder-id'});
    const r = run(box, [
      'chat',
      '--no-interactive',
      '-a',
      '--',
      '[[sim:tools]][[sim:credits=3.96]][[sim:time=14m 9s]]',
    ]);
    expect(r.status).toBe(0);
    expect(Buffer.from(r.err).equals(capture('headless-2.x-trust-all.stderr'))).toBe(true);
    const stripped = stripAnsi(r.out);
    expect(stripped).toBe(capture('headless-2.x-tools.stdout.stripped.txt').toString('utf8'));
    expect(r.out.endsWith(`\n${MARK}Both suites are green.`)).toBe(true);
  });

  it('prints the transcript edge shapes: two headers on a line, completions with and without a space', () => {
    const r = turn(sandbox(), '[[sim:tool-shapes]]');
    expect(r.status).toBe(0);
    expect(stripAnsi(r.out).split('\n')).toEqual([
      '> Let me look at both.',
      'Reading file: /w/a.txt, all lines (using tool: read)I will run the following command: echo one (using tool: shell)',
      'Purpose: Print one',
      '',
      ' \u2713 Successfully read 12 bytes from /w/a.txt',
      ' - Completed in 0.002s',
      '',
      'one',
      '- Completed in 1.596s',
      '',
      "Introspecting kiro-cli's own documentation (using tool: introspect) - Completed in 0.68s",
      '',
      '> Both look fine.',
    ]);
    expect(r.err).toBe(MCP_OFF + trailer('1s'));
  });

  it('warns about unknown --trust-tools names', () => {
    const r = turn(sandbox(), 'hi', ['--trust-tools=read,frob,@git/status']);
    expect(r.err).toBe(
      MCP_OFF +
        'WARNING: --trust-tools arg for custom tool frob needs to be prepended with @{MCPSERVERNAME}/\n' +
        trailer('1s'),
    );
  });

  it('runs a trusted shell call (fake output) for each way of trusting', () => {
    const shellOut = (cmd: string): string =>
      `I will run the following command: ${cmd} (using tool: shell)\nPurpose: Run the command the user asked for\n\n` +
      'simulated output of the command\n - Completed in 0.4s\n\n';
    for (const flags of [
      ['-a'],
      ['-a', '--trust-tools='],
      ['--trust-tools', 'read,shell'],
      ['--trust-tools=execute_bash'],
    ]) {
      const r = turn(sandbox(), '[[sim:shell=rm -rf /]]', flags);
      expect(r.status).toBe(0);
      expect(r.out).toBe(`${shellOut('rm -rf /')}${MARK}You said: [[sim:shell=rm -rf /]]`);
    }
  });

  it('refuses an untrusted shell call and goes on (2.18), or exits 1 (older)', () => {
    const denied =
      'Command execute_bash is rejected because it matches one or more rules on the denied list:\n' +
      '  - non-interactive mode (no user to approve)\n';
    const header =
      'I will run the following command: ls (using tool: shell)\nPurpose: Run the command the user asked for\n\n';
    const r = turn(sandbox(), '[[sim:shell=ls]]', ['--trust-tools', 'read']);
    expect(r).toMatchObject({
      status: 0,
      out: `${header}${MARK}You said: [[sim:shell=ls]]`,
      err: MCP_OFF + denied + trailer('1s'),
    });
    const old = turn(sandbox(), '[[sim:shell=ls]]', [], {KIRO_SIM_DENY_STYLE: 'exit1'});
    expect(old).toMatchObject({
      status: 1,
      out: header,
      err:
        MCP_OFF +
        'error: Tool approval required but --no-interactive was specified. Use --trust-all-tools or --trust-tools to automatically approve tools.\n',
    });
  });

  it('reads the empty --trust-tools= as a custom tool with an empty name (2.11), unless -a', () => {
    const warning =
      'WARNING: --trust-tools arg for custom tool  needs to be prepended with @{MCPSERVERNAME}/\n';
    expect(turn(sandbox(), 'hi', ['--trust-tools=']).err).toBe(MCP_OFF + warning + trailer('1s'));
    expect(turn(sandbox(), 'hi', ['--trust-tools=read,']).err).toBe(MCP_OFF + warning + trailer('1s'));
    expect(turn(sandbox(), 'hi', ['-a', '--trust-tools=']).err).not.toContain('WARNING');
  });

  it('trusts read, grep and glob inside the cwd with no trust flag; refuses the rest headless', () => {
    const box = sandbox();
    const rec = tempDir('rec');
    const outside = path.join(box.home, 'secret.txt');
    const r = turn(
      box,
      `[[sim:tool=read:notes.txt;grep:TODO;glob:src/**;read:${outside};write:out.txt;web_fetch:https://x.test]]`,
      [],
      {KIRO_SIM_RECORD: rec},
    );
    const refused = (id: string): string =>
      `Command ${id} is rejected because it matches one or more rules on the denied list:\n` +
      '  - non-interactive mode (no user to approve)\n';
    expect(r.status).toBe(0);
    expect(r.err).toBe(
      MCP_OFF + refused('fs_read') + refused('fs_write') + refused('web_fetch') + trailer('1s'),
    );
    expect(
      r.out.startsWith(
        'Reading file: notes.txt, all lines (using tool: read)\n ✓ simulated result\n - Completed in 0.1s\n\n' +
          'Searching for: TODO (using tool: grep)\n ✓ simulated result\n - Completed in 0.1s\n\n' +
          'Searching for files: src/** (using tool: glob)\n ✓ simulated result\n - Completed in 0.1s\n\n' +
          `Reading file: ${outside}, all lines (using tool: read)\n` +
          'Creating: out.txt (using tool: write)\n' +
          'Using web_fetch: https://x.test (using tool: web_fetch)\n',
      ),
    ).toBe(true);
    expect(readRecords(rec)[0]?.toolCalls).toEqual([
      {tool: 'read', arg: 'notes.txt', status: 'ran'},
      {tool: 'grep', arg: 'TODO', status: 'ran'},
      {tool: 'glob', arg: 'src/**', status: 'ran'},
      {tool: 'read', arg: outside, status: 'refused'},
      {tool: 'write', arg: 'out.txt', status: 'refused'},
      {tool: 'web_fetch', arg: 'https://x.test', status: 'refused'},
    ]);
    const trusted = turn(sandbox(), `[[sim:tool=read:${outside};fs_write:a]]`, [
      '--trust-tools=fs_read,write',
    ]);
    expect(trusted.err).toBe(MCP_OFF + trailer('1s'));
  });

  it("never lets the model call a tool missing from the agent's tools list", () => {
    const box = sandbox();
    const rec = tempDir('rec');
    const agents = path.join(box.kiroHome, 'agents');
    writeAgent(agents, 'none', {name: 'none', tools: []});
    writeAgent(agents, 'reader', {name: 'reader', tools: ['fs_read'], allowedTools: ['shell']});
    writeAgent(agents, 'bare', {name: 'bare'});
    const prompt = '[[sim:tool=read:a.txt;shell:ls]]';
    const calls = (agent: string, env: Record<string, string> = {}): unknown => {
      fs.rmSync(rec, {recursive: true, force: true});
      const r = turn(box, prompt, ['--agent', agent, '-a'], {KIRO_SIM_RECORD: rec, ...env});
      expect(r.status).toBe(0);
      return readRecords(rec)[0]?.toolCalls;
    };
    expect(calls('none')).toEqual([
      {tool: 'read', arg: 'a.txt', status: 'unavailable'},
      {tool: 'shell', arg: 'ls', status: 'unavailable'},
    ]);
    expect(calls('reader')).toEqual([
      {tool: 'read', arg: 'a.txt', status: 'ran'},
      {tool: 'shell', arg: 'ls', status: 'unavailable'},
    ]);
    expect(calls('bare')).toEqual([
      {tool: 'read', arg: 'a.txt', status: 'unavailable'},
      {tool: 'shell', arg: 'ls', status: 'unavailable'},
    ]);
    expect(calls('bare', {KIRO_SIM_AGENT_TOOLS: 'all'})).toEqual([
      {tool: 'read', arg: 'a.txt', status: 'ran'},
      {tool: 'shell', arg: 'ls', status: 'ran'},
    ]);
    const none = turn(box, prompt, ['--agent', 'none']);
    expect(none.out).toBe(`${MARK}You said: ${prompt}`);
  });
});

describe('models', () => {
  it('rejects an unknown model', () => {
    const r = turn(sandbox(), 'hi', ['--model', 'gpt-9']);
    expect(r).toMatchObject({
      status: 1,
      out: '',
      err: `${MCP_OFF}error: Model 'gpt-9' does not exist. Available models: auto, claude-sonnet-4.5, claude-haiku-4.5, claude-opus-4.5\n`,
    });
    const custom = turn(sandbox(), 'hi', ['--model', 'm3'], {KIRO_SIM_MODELS: 'm1,m2'});
    expect(custom.err).toBe(`${MCP_OFF}error: Model 'm3' does not exist. Available models: m1, m2\n`);
  });

  it('lists models as a table and as JSON', () => {
    const box = sandbox();
    const env = {KIRO_API_KEY: 'ksk_a'};
    const plain = run(box, ['chat', '--list-models'], {env});
    expect(plain.status).toBe(0);
    expect(plain.out.split('\n').slice(0, 3)).toEqual([
      'Available models (* = default):',
      '',
      '* auto               1.00x credit  Models chosen by task for optimal usage and consistent quality',
    ]);
    const json = JSON.parse(run(box, ['chat', '--list-models', '--format', 'json'], {env}).out) as {
      models: {model_id: string; context_window_tokens: number; rate_unit: string}[];
      default_model: string;
    };
    expect(json.default_model).toBe('auto');
    expect(json.models.map((m) => m.model_id)).toEqual([
      'auto',
      'claude-sonnet-4.5',
      'claude-haiku-4.5',
      'claude-opus-4.5',
    ]);
    expect(json.models[1]).toMatchObject({context_window_tokens: 200000, rate_unit: 'credit'});
  });
});

describe('agents', () => {
  it('resolves --agent by the name field, not the file name', () => {
    const box = sandbox();
    const rec = tempDir('rec');
    const agents = path.join(box.kiroHome, 'agents');
    writeAgent(agents, 'a', {name: 'b', description: 'file a'});
    const byName = turn(box, 'hi', ['--agent', 'b'], {KIRO_SIM_RECORD: rec});
    expect(byName.err).toBe(MCP_OFF + trailer('1s'));
    expect(readRecords(rec)[0]).toMatchObject({
      agentName: 'b',
      agentJson: {description: 'file a'},
      agentFile: path.join(agents, 'a.json'),
    });
    expect(turn(box, 'hi', ['--agent', 'a']).err).toBe(
      `${MCP_OFF}Error: no agent with name a found. Falling back to user specified default\n${trailer('1s')}`,
    );
  });

  it('prefers the workspace agent and warns about the conflict', () => {
    const box = sandbox();
    const rec = tempDir('rec');
    writeAgent(path.join(box.cwd, '.kiro/agents'), 'rev', {name: 'rev', description: 'workspace'});
    writeAgent(path.join(box.kiroHome, 'agents'), 'other-file', {name: 'rev', description: 'global'});
    const r = turn(box, 'hi', ['--agent', 'rev'], {KIRO_SIM_RECORD: rec});
    expect(r).toMatchObject({
      status: 0,
      err: `${MCP_OFF}WARNING: Agent conflict for rev. Using workspace version.\n${trailer('1s')}`,
    });
    expect(readRecords(rec)[0]).toMatchObject({agentName: 'rev', agentJson: {description: 'workspace'}});
  });

  it('skips the workspace when cwd is HOME', () => {
    const box = sandbox();
    const rec = tempDir('rec');
    writeAgent(path.join(box.home, '.kiro/agents'), 'rev', {name: 'rev', description: 'home-workspace'});
    writeAgent(path.join(box.kiroHome, 'agents'), 'rev', {name: 'rev', description: 'global'});
    const r = run(box, ['chat', '--no-interactive', '--agent', 'rev', 'hi'], {
      cwd: box.home,
      env: {KIRO_API_KEY: 'ksk_a', KIRO_SIM_RECORD: rec},
    });
    expect(r.err).toBe(MCP_OFF + trailer('1s'));
    expect(readRecords(rec)[0]).toMatchObject({agentJson: {description: 'global'}});
  });

  it('falls back to the default agent for a missing name or a path, or exits 4', () => {
    const box = sandbox();
    const file = path.join(box.kiroHome, 'agents/rev.json');
    writeAgent(path.join(box.kiroHome, 'agents'), 'rev', {name: 'rev'});
    const r = turn(box, 'hi', ['--agent', file]);
    expect(r).toMatchObject({
      status: 0,
      out: `${MARK}You said: hi`,
      err: `${MCP_OFF}Error: no agent with name ${file} found. Falling back to user specified default\n${trailer('1s')}`,
    });
    const strict = turn(box, 'hi', ['--agent', 'ghost'], {KIRO_SIM_AGENT_MISSING: 'exit4'});
    expect(strict).toMatchObject({
      status: 4,
      out: '',
      err: `${MCP_OFF}Error: no agent with name ghost found\n`,
    });
  });

  it('rejects a whole agent file for one unknown key, bad JSON or a missing name, and runs the default agent', () => {
    const box = sandbox();
    const rec = tempDir('rec');
    const dir = path.join(box.kiroHome, 'agents');
    const file = (n: string): string => path.join(dir, `${n}.json`);
    writeAgent(dir, 'strict', '{"name":"strict","tools":[],"colour":"blue"}');
    writeAgent(dir, 'broken', '{"name": ');
    writeAgent(dir, 'nameless', {tools: ['read']});
    writeAgent(dir, 'v3only', {name: 'v3only', permissions: {}});
    const expected =
      'expected one of `$schema`, `name`, `description`, `prompt`, `mcpServers`, `tools`, `toolAliases`, ' +
      '`allowedTools`, `resources`, `hooks`, `toolsSettings`, `useLegacyMcpJson`, `includeMcpJson`, `model`, ' +
      '`keyboardShortcut`, `welcomeMessage`';
    const r = turn(box, '[[sim:tool=write:x]]', ['--agent', 'strict', '--trust-tools=write'], {
      KIRO_SIM_RECORD: rec,
    });
    expect(r.status).toBe(0);
    expect(r.err).toBe(
      MCP_OFF +
        `Error: Json supplied at ${file('broken')} is invalid: EOF while parsing a value at line 1 column 9\n` +
        `Error: Json supplied at ${file('nameless')} is invalid: missing field \`name\` at line 1 column 18\n` +
        `Error: Json supplied at ${file('strict')} is invalid: unknown field \`colour\`, ${expected} at line 1 column 36\n` +
        `Error: Json supplied at ${file('v3only')} is invalid: unknown field \`permissions\`, ${expected} at line 1 column 30\n` +
        'Error: no agent with name strict found. Falling back to user specified default\n' +
        trailer('1s'),
    );
    // The default agent ran: its tools are all there, so the write the file meant to forbid went ahead.
    expect(readRecords(rec)[0]).toMatchObject({
      agentJson: null,
      toolCalls: [{tool: 'write', arg: 'x', status: 'ran'}],
    });
    const typed = sandbox();
    writeAgent(path.join(typed.kiroHome, 'agents'), 'typed', {name: 'typed', tools: 'read'});
    expect(turn(typed, 'hi').err).toBe(
      `${MCP_OFF}Error: Json supplied at ${path.join(typed.kiroHome, 'agents/typed.json')} is invalid: invalid type: string "read", expected a sequence at line 1 column 23\n${trailer('1s')}`,
    );
  });

  it('accepts V3 keys and a missing name under --v3, with the V3 fallback wording', () => {
    const box = sandbox();
    const rec = tempDir('rec');
    const dir = path.join(box.kiroHome, 'agents');
    writeAgent(dir, 'planner', {permissions: {}, excludedTools: ['shell'], includePowers: true});
    const r = turn(box, 'hi', ['--v3', '--agent', 'planner'], {KIRO_SIM_RECORD: rec});
    expect(r.err).toBe(MCP_OFF + trailer('1s'));
    expect(readRecords(rec)[0]).toMatchObject({harness: 'v3', agentFile: path.join(dir, 'planner.json')});
    expect(turn(box, 'hi', ['--v3', '--agent', 'ghost']).err).toBe(
      `${MCP_OFF}agent "ghost" not found, using "kiro_default"\n${trailer('1s')}`,
    );
  });

  it('warns about an unavailable agent model and trusts allowedTools', () => {
    const box = sandbox();
    const rec = tempDir('rec');
    writeAgent(path.join(box.kiroHome, 'agents'), 'ops', {
      name: 'ops',
      tools: ['*'],
      model: 'gpt-9',
      allowedTools: ['execute_bash', 'fs_read', '*'],
    });
    const r = turn(box, '[[sim:shell=make]]', ['--agent', 'ops', '--trust-tools=grep'], {
      KIRO_SIM_RECORD: rec,
    });
    expect(r.err).toBe(
      `${MCP_OFF}WARNING: Agent specifies model 'gpt-9' which is not available. Falling back to configured defaults.\n${trailer('1s')}`,
    );
    expect(r.out.startsWith('I will run the following command: make (using tool: shell)\n')).toBe(true);
    expect(readRecords(rec)[0]).toMatchObject({
      trustAll: false,
      trustedTools: ['grep', 'read', 'shell'],
      model: 'auto',
    });
  });

  it('checks MCP commands on PATH for logins only', () => {
    const box = sandbox();
    writeAgent(path.join(box.kiroHome, 'agents'), 'mcp', {
      name: 'mcp',
      mcpServers: {
        gh: {command: 'no-such-mcp-bin'},
        off: {command: 'also-missing', disabled: true},
        ok: {command: 'node'},
      },
    });
    const problem = "MCP server 'gh' failed to start: command 'no-such-mcp-bin' not found\n";
    expect(turn(box, 'hi', ['--agent', 'mcp', '--require-mcp-startup']).status).toBe(0);
    login(box, {method: 'builder-id'});
    const soft = run(box, ['chat', '--no-interactive', '--agent', 'mcp', 'hi']);
    expect(soft).toMatchObject({status: 0, err: `WARNING: ${problem}${trailer('1s')}`});
    const hard = run(box, ['chat', '--no-interactive', '--agent', 'mcp', '--require-mcp-startup', 'hi']);
    expect(hard).toMatchObject({status: 3, out: '', err: `error: ${problem}`});
  });
});

describe('harness', () => {
  it('accepts --agent-engine from 2.4, --v3 from 2.8 and --v2 from 3.0, before or after chat', () => {
    const box = sandbox();
    const rec = tempDir('rec');
    const env = {KIRO_SIM_RECORD: rec};
    const harnessOf = (args: string[], version: string): unknown => {
      fs.rmSync(rec, {recursive: true, force: true});
      const r = run(box, args, {env: {...env, KIRO_API_KEY: 'ksk_a', KIRO_SIM_VERSION: version}});
      expect(r.status).toBe(0);
      const record = readRecords(rec)[0];
      return [record?.harness, record?.harnessPinned];
    };
    const chatArgs = ['chat', '--no-interactive', 'hi'];
    expect(harnessOf(chatArgs, '2.21.2')).toEqual(['v2', false]);
    expect(harnessOf(['chat', '--v3', '--no-interactive', 'hi'], '2.8.0')).toEqual(['v3', true]);
    expect(harnessOf(['--v3', ...chatArgs], '2.8.0')).toEqual(['v3', true]);
    expect(harnessOf(['chat', '--agent-engine', 'v1', '--no-interactive', 'hi'], '2.4.0')).toEqual([
      'v1',
      true,
    ]);
    expect(harnessOf(['--v2', ...chatArgs], '3.0.0')).toEqual(['v2', true]);
    const at = (version: string, args: string[]): Result =>
      run(box, args, {env: {KIRO_API_KEY: 'ksk_a', KIRO_SIM_VERSION: version}});
    expect(at('2.7.9', ['chat', '--v3', 'hi'])).toMatchObject({
      status: 1,
      err: `error: unexpected argument '--v3' found${USAGE_TAIL}`,
    });
    expect(at('2.7.9', ['--v3', 'chat', 'hi'])).toMatchObject({
      status: 2,
      err: "error: unexpected argument '--v3' found\n\nUsage: kiro-cli [OPTIONS] [COMMAND]\n\nFor more information, try '--help'.\n",
    });
    expect(at('2.21.2', ['chat', '--v2', 'hi']).err).toBe(
      `error: unexpected argument '--v2' found${USAGE_TAIL}`,
    );
    expect(at('2.3.0', ['chat', '--agent-engine', 'v2', 'hi'])).toMatchObject({
      status: 2,
      err: `error: unexpected argument '--agent-engine' found${OLD_USAGE_TAIL}`,
    });
    expect(at('3.1.0', ['chat', '--v2', '--v3', 'hi'])).toMatchObject({
      status: 1,
      err: `error: the argument '--v2' cannot be used with '--v3'${USAGE_TAIL}`,
    });
  });

  it('lets 3.x pick the harness itself when none is named', () => {
    const box = sandbox();
    const rec = tempDir('rec');
    const harness = (env: Record<string, string>): unknown => {
      fs.rmSync(rec, {recursive: true, force: true});
      turn(box, 'hi', [], {KIRO_SIM_RECORD: rec, KIRO_SIM_VERSION: '3.1.0', ...env});
      return readRecords(rec)[0]?.harness;
    };
    expect(harness({})).toBe('v2');
    expect(harness({KIRO_SIM_DEFAULT_HARNESS: 'v3'})).toBe('v3');
    expect(harness({KIRO_SIM_DEFAULT_HARNESS: 'v3', KIRO_SIM_VERSION: '2.21.2'})).toBe('v2');
  });
});

describe('sessions', () => {
  const KEY = {KIRO_API_KEY: 'ksk_a'};
  const storeDir = (box: Sandbox): string => path.join(box.kiroHome, 'sessions/cli');
  const readJson = (file: string): Record<string, unknown> =>
    JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  const header = (box: Sandbox, id: string): Record<string, unknown> =>
    readJson(path.join(storeDir(box), `${id}.json`));
  interface StoredEvent {
    version: string;
    kind: string;
    data: ({message_id?: string; content?: {kind: string; data: unknown}[]} & Record<string, unknown>) | null;
  }
  interface TurnMeta {
    conversation_metadata: {user_turn_metadatas: Record<string, unknown>[]};
  }
  const events = (box: Sandbox, id: string): StoredEvent[] =>
    fs
      .readFileSync(path.join(storeDir(box), `${id}.jsonl`), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as StoredEvent);
  const ids = (box: Sandbox): string[] =>
    sessionFiles(box)
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.slice(0, -'.json'.length));
  interface Listed {
    cwd: string;
    sessions: {sessionId: string; source: string; title: string; updatedAt: string; messageCount: number}[];
    complete: boolean;
  }
  const listJson = (box: Sandbox, env: Record<string, string> = {}): Listed[] =>
    JSON.parse(run(box, ['chat', '--list-sessions', '-f', 'json'], {env: {...KEY, ...env}}).out) as Listed[];
  const listedIds = (box: Sandbox, env: Record<string, string> = {}): string[] =>
    (listJson(box, env)[0]?.sessions ?? []).map((s) => s.sessionId);

  // Keys and kinds of value (arrays by their first item): the capture's must all be in the simulator's.
  const shape = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.slice(0, 1).map(shape)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]))
        : typeof value;
  const captureStore = (ext: string): string =>
    capture(`session-store-2.14.x/3f0c6d2e-8b1a-4c7e-9d55-2a61b0e4f7c3${ext}`).toString('utf8');

  it('writes the V2 store in the shape of the 2.14.x capture', () => {
    const box = sandbox();
    const prompt = 'Run it [[sim:shell=sleep 30 && echo done]][[sim:thinking=The command finished.]]';
    expect(turn(box, prompt, ['-a']).status).toBe(0);
    const [id] = ids(box) as [string];
    expect(sessionFiles(box)).toEqual([`${id}.history`, `${id}.json`, `${id}.jsonl`]);
    const head = header(box, id);
    const captured = JSON.parse(captureStore('.json')) as Record<string, unknown>;
    expect(shape(head)).toMatchObject(shape({...captured, session_state: {}}) as object);
    const turnMeta = (head.session_state as TurnMeta).conversation_metadata.user_turn_metadatas;
    expect(shape(turnMeta[0])).toMatchObject(
      shape((captured.session_state as TurnMeta).conversation_metadata.user_turn_metadatas[0]) as object,
    );
    expect(head).toMatchObject({
      session_id: id,
      title: prompt,
      cwd: box.cwd,
      parent_session_id: null,
      session_created_reason: null,
      session_state: {
        version: 'v1',
        agent_name: 'kiro_default',
        rts_model_state: {model_info: {model_id: 'auto', context_window_tokens: 1000000}},
      },
    });
    expect(turnMeta).toHaveLength(1);
    expect(turnMeta[0]?.metering_usage).toEqual([{value: 0.06, unit: 'credit', unit_plural: 'credits'}]);
    expect(fs.readFileSync(path.join(storeDir(box), `${id}.jsonl`), 'utf8').endsWith('}\n')).toBe(true);

    const lines = events(box, id);
    const capturedLines = captureStore('.jsonl')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as StoredEvent);
    expect(lines.map((e) => e.kind)).toEqual([
      'Prompt',
      'AssistantMessage',
      'ToolResults',
      'AssistantMessage',
    ]);
    // Prompt, the tool use, its result and the thinking answer have the captured shapes (lines 3 to 6).
    for (const [i, line] of lines.entries()) expect(shape(line)).toEqual(shape(capturedLines[i + 2]));
    expect(turnMeta[0]?.message_ids).toEqual(lines.map((e) => e.data?.message_id));
    const use = lines[1]?.data?.content?.[1]?.data as {toolUseId: string};
    expect(use).toMatchObject({
      name: 'shell',
      input: {command: 'sleep 30 && echo done', __tool_use_purpose: 'Run the command the user asked for'},
    });
    expect(lines[2]?.data?.content?.[0]?.data).toEqual({
      toolUseId: use.toolUseId,
      content: [
        {
          kind: 'json',
          data: {exit_status: 'exit status: 0', stdout: 'simulated output of the command\n', stderr: ''},
        },
      ],
      status: 'success',
    });
    expect(lines[3]?.data?.content).toEqual([
      {kind: 'thinking', data: {text: 'The command finished.'}},
      {kind: 'text', data: `You said: ${prompt}`},
    ]);
    expect(fs.readFileSync(path.join(storeDir(box), `${id}.history`), 'utf8')).toBe(`${prompt}\n`);
  });

  it('stores a refused tool as an error result, and Clear / Compaction events', () => {
    const box = sandbox();
    turn(box, 'one');
    const [id] = ids(box) as [string];
    turn(box, '[[sim:clear]][[sim:shell=ls]]', ['-r']);
    turn(box, '[[sim:compact]] three', ['-r']);
    const lines = events(box, id);
    expect(lines.map((e) => e.kind)).toEqual([
      'Prompt',
      'AssistantMessage',
      'Clear',
      'Prompt',
      'AssistantMessage',
      'ToolResults',
      'AssistantMessage',
      'Compaction',
      'Prompt',
      'AssistantMessage',
    ]);
    expect(lines[2]).toEqual({version: 'v1', kind: 'Clear', data: null});
    expect(lines[5]?.data?.content?.[0]?.data).toMatchObject({
      status: 'error',
      content: [{kind: 'text', data: expect.stringContaining('is rejected because')}],
    });
    expect(lines[7]?.data).toEqual({summary: 'The earlier conversation, summarised.', messages_snapshot: []});
    expect(fs.readFileSync(path.join(storeDir(box), `${id}.history`), 'utf8').split('\n')).toHaveLength(4);
    // Only what follows the Clear counts.
    expect(listJson(box)[0]?.sessions[0]?.messageCount).toBe(6);
  });

  it('holds a lock while the turn runs, removes it on a normal exit, leaves it after SIGKILL', async () => {
    const box = sandbox();
    turn(box, 'done');
    expect(sessionFiles(box).some((n) => n.endsWith('.lock'))).toBe(false);
    const live = start(box, ['chat', '--no-interactive', '[[sim:hang]]'], KEY);
    try {
      expect(await waitFor(() => sessionFiles(box).filter((n) => n.endsWith('.lock')).length === 1)).toBe(
        true,
      );
      const lockName = sessionFiles(box).find((n) => n.endsWith('.lock')) as string;
      const lock = readJson(path.join(storeDir(box), lockName));
      expect(Object.keys(lock)).toEqual(['pid', 'started_at']);
      expect(lock.pid).toBe(live.child.pid);
      expect(Number.isNaN(Date.parse(String(lock.started_at)))).toBe(false);
    } finally {
      killGroup(live);
    }
    await live.exited;
    expect(sessionFiles(box).filter((n) => n.endsWith('.lock'))).toHaveLength(1);
    expect(turn(box, '[[sim:signal=SIGKILL]]').signal).toBe('SIGKILL');
    expect(sessionFiles(box).filter((n) => n.endsWith('.lock'))).toHaveLength(2);
  });

  it('resumes the latest top-level session of the cwd (-r) or a given id from any cwd', () => {
    const box = sandbox();
    turn(box, 'first');
    const [first] = listedIds(box) as [string];
    turn(box, 'second');
    const [second] = listedIds(box) as [string];
    turn(box, 'again [[sim:subagent]]', ['-r']);
    expect(ids(box)).toHaveLength(3);
    turn(box, 'and again', ['-r']);
    expect(events(box, second).filter((e) => e.kind === 'Prompt')).toHaveLength(3);
    const other = fs.realpathSync(tempDir('other'));
    run(box, ['chat', '--no-interactive', '--resume-id', first, 'from elsewhere'], {cwd: other, env: KEY});
    expect(events(box, first).map((e) => e.data?.content?.[0]?.data)).toEqual([
      'first',
      'You said: first',
      'from elsewhere',
      'You said: from elsewhere',
    ]);
    expect(listedIds(box)).toEqual([first, second]);
    expect(ids(box)).toHaveLength(3);
  });

  it('never creates a session under an unknown id: an error before 2.19.2 and from 2.21.1 (V2)', () => {
    const box = sandbox();
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const version of ['2.18.0', '2.21.1', '2.21.2']) {
      const r = turn(box, 'x', ['--resume-id', missing], {KIRO_SIM_VERSION: version});
      expect(r).toMatchObject({
        status: 1,
        out: '',
        err: `${MCP_OFF}error: Conversation session ${missing} not found\n`,
      });
    }
    expect(ids(box)).toEqual([]);
  });

  it('2.19.2 up to 2.21.0 ignores --resume-id: a new session, a new id, no error (KIRO_SIM_RESUME_ID overrides)', () => {
    const box = sandbox();
    turn(box, 'remember 42');
    const [id] = listedIds(box) as [string];
    for (const version of ['2.19.2', '2.20.0']) {
      const r = turn(box, 'what did I say?', ['--resume-id', id], {KIRO_SIM_VERSION: version});
      expect(r).toMatchObject({status: 0, err: MCP_OFF + trailer('1s')});
    }
    const unknown = turn(box, 'x', ['--resume-id', '00000000-0000-4000-8000-000000000000'], {
      KIRO_SIM_VERSION: '2.19.2',
    });
    expect(unknown.status).toBe(0);
    expect(ids(box)).toHaveLength(4);
    expect(ids(box)).not.toContain('00000000-0000-4000-8000-000000000000');
    expect(events(box, id).filter((e) => e.kind === 'Prompt')).toHaveLength(1);
    turn(box, 'forced', ['--resume-id', id], {KIRO_SIM_RESUME_ID: 'new'});
    expect(events(box, id).filter((e) => e.kind === 'Prompt')).toHaveLength(1);
    turn(box, 'honoured', ['--resume-id', id], {KIRO_SIM_VERSION: '2.19.2', KIRO_SIM_RESUME_ID: 'honour'});
    expect(events(box, id).filter((e) => e.kind === 'Prompt')).toHaveLength(2);
  });

  it('saves subagents as child sessions of the same store and cwd; listings and -r skip them', () => {
    const box = sandbox();
    const r = turn(box, 'split it [[sim:subagent=2]]');
    expect(r.out).toBe(
      `Delegating to 2 subagents (using tool: subagent)\n - Completed in 0.2s\n\n${MARK}You said: split it [[sim:subagent=2]]`,
    );
    const [parent] = listedIds(box) as [string];
    const children = ids(box).filter((id) => id !== parent);
    expect(children).toHaveLength(2);
    for (const child of children) {
      expect(header(box, child)).toMatchObject({
        cwd: box.cwd,
        parent_session_id: parent,
        session_created_reason: 'subagent',
        session_state: {agent_name: null},
      });
      expect(fs.existsSync(path.join(storeDir(box), `${child}.history`))).toBe(false);
    }
    const use = events(box, parent)[1]?.data?.content?.[1]?.data;
    expect(use).toMatchObject({name: 'subagent'});
    turn(box, 'next', ['-r']);
    expect(events(box, parent).filter((e) => e.kind === 'Prompt')).toHaveLength(2);
    const everywhere = turn(box, 'new [[sim:subagent]]', [], {KIRO_SIM_CREATED_REASON: 'always-subagent'});
    expect(everywhere.status).toBe(0);
    const [top] = listedIds(box) as [string];
    expect(header(box, top)).toMatchObject({parent_session_id: null, session_created_reason: 'subagent'});
  });

  it('lists on stderr: a heading, then two lines per session with the id in bold', () => {
    const box = sandbox();
    expect(run(box, ['chat', '--list-sessions'], {env: KEY})).toMatchObject({
      status: 0,
      out: '',
      err: 'No saved chat sessions\n',
    });
    expect(run(box, ['chat', '-l'], {env: {...KEY, KIRO_SIM_LIST_EMPTY: 'directory'}}).err).toBe(
      'No saved chat sessions for this directory.\n',
    );
    turn(box, 'say hello');
    turn(box, 'two\nlines [[sim:shell=ls]]', ['-a']);
    const [newest, older] = listedIds(box);
    const listed = run(box, ['chat', '-l'], {env: KEY});
    expect(listed).toMatchObject({status: 0, out: ''});
    expect(listed.err).toMatch(
      new RegExp(
        `^Chat sessions for ${box.cwd}:\\n\\n` +
          `${ESC}\\[1mChat SessionId: ${newest}${ESC}\\[0m\\n  \\d seconds? ago \\| two lines \\[\\[sim:shell=ls\\]\\] \\| 4 msgs \\| v1\\n` +
          `${ESC}\\[1mChat SessionId: ${older}${ESC}\\[0m\\n  \\d seconds? ago \\| say hello \\| 2 msgs \\| v1\\n$`,
      ),
    );
    const noColor = run(box, ['chat', '-l'], {env: {...KEY, NO_COLOR: '1'}}).err;
    expect(noColor.split('\n')[2]).toBe(`${ESC}[mChat SessionId: ${newest}${ESC}[0m`);
  });

  it('lists as JSON on stdout: the real cwd, messageCount, complete; per cwd; switches for odd builds', () => {
    const box = sandbox();
    expect(run(box, ['chat', '-l', '-f', 'json'], {env: KEY})).toMatchObject({status: 0, out: '[]\n'});
    turn(box, 'hello');
    const other = fs.realpathSync(tempDir('other'));
    run(box, ['chat', '--no-interactive', 'elsewhere'], {cwd: other, env: KEY});
    const link = path.join(tempDir('link'), 'ws');
    fs.symlinkSync(box.cwd, link);
    const json = run(box, ['chat', '--list-sessions', '-f', 'json'], {cwd: link, env: KEY});
    const doc = JSON.parse(json.out) as Listed[];
    expect(doc).toEqual([
      {
        cwd: box.cwd,
        sessions: [
          {
            sessionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
            source: 'classic',
            title: 'hello',
            updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/),
            messageCount: 2,
          },
        ],
        complete: true,
      },
    ]);
    expect(
      run(box, ['chat', '-l', '--format', 'json'], {env: {...KEY, KIRO_SIM_LIST_JSON_STREAM: 'stderr'}}).err,
    ).toBe(run(box, ['chat', '-l', '-f', 'json'], {env: KEY}).out);
    expect(run(box, ['chat', '-l', '-f', 'json'], {env: {...KEY, KIRO_SIM_LIST_HEADLESS: 'none'}}).out).toBe(
      '[]\n',
    );
    expect(run(box, ['chat', '-l'], {env: {...KEY, KIRO_SIM_LIST_HEADLESS: 'none'}}).err).toBe(
      'No saved chat sessions\n',
    );
  });

  it('writes the V3 bucketed store with --v3, --agent-engine v3 or KIRO_SIM_ENGINE=v3', () => {
    const box = sandbox();
    const bucket = createHash('sha256').update(box.cwd).digest('hex').slice(0, 16);
    const bucketDir = path.join(box.kiroHome, 'sessions', bucket);
    const v3Ids = (): string[] => (fs.existsSync(bucketDir) ? fs.readdirSync(bucketDir).sort() : []);
    turn(box, 'start [[sim:shell=ls]]', ['--v3', '-a']);
    expect(sessionFiles(box)).toEqual([]);
    const [id] = v3Ids() as [string];
    expect(id).toMatch(/^sess_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(fs.readdirSync(path.join(bucketDir, id)).sort()).toEqual(['messages.jsonl', 'session.json']);
    expect(readJson(path.join(bucketDir, id, 'session.json'))).toEqual({
      id,
      title: 'start [[sim:shell=ls]]',
      agentMode: 'kiro_default',
      workspacePaths: [box.cwd],
      createdAt: expect.any(String),
      lastModifiedAt: expect.any(String),
      modelId: 'auto',
      parentSessionId: null,
    });
    const payloads = (): {type: string}[] =>
      fs
        .readFileSync(path.join(bucketDir, id, 'messages.jsonl'), 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as {id: string; timestamp: string; payload: {type: string}}).payload);
    expect(payloads().map((p) => p.type)).toEqual([
      'turn_start',
      'session_start',
      'tool_call',
      'tool_result',
      'assistant',
      'usage_summary',
      'turn_end',
    ]);
    expect(payloads()[1]).toEqual({
      type: 'session_start',
      agentType: 'kiro_default',
      content: 'start [[sim:shell=ls]]',
    });
    turn(box, 'more', ['--agent-engine', 'v3', '--resume-id', id]);
    expect(payloads().filter((p) => p.type === 'user')).toEqual([{type: 'user', content: 'more'}]);
    turn(box, 'env', [], {KIRO_SIM_ENGINE: 'v3'});
    expect(v3Ids()).toHaveLength(2);
    // From 2.21.1 an unresolvable id on V3 still starts a new session silently (exit 0).
    const unknown = turn(box, 'x', ['--v3', '--resume-id', 'sess_00000000-0000-4000-8000-000000000000']);
    expect(unknown.status).toBe(0);
    expect(v3Ids()).toHaveLength(3);
    expect(v3Ids()).not.toContain('sess_00000000-0000-4000-8000-000000000000');
    expect(turn(box, 'y', ['--resume-id', id]).status).toBe(1);
    const listed = JSON.parse(run(box, ['chat', '-l', '-f', 'json', '--v3'], {env: KEY}).out) as Listed[];
    expect(listed[0]?.sessions.map((s) => s.sessionId)).toContain(id);
    expect(run(box, ['chat', '--delete-session', id], {env: KEY})).toMatchObject({status: 0});
    expect(v3Ids()).toHaveLength(2);
  });

  it('backend sub-modes without a credential: fail fast with --no-interactive, else start a login', async () => {
    const box = sandbox();
    const notLoggedIn =
      'Not logged in. Set the KIRO_API_KEY environment variable or run `kiro-cli login` first.\n';
    for (const mode of [
      ['--list-sessions'],
      ['-l', '-f', 'json'],
      ['--delete-session', 'x'],
      ['--list-models'],
    ]) {
      expect(run(box, ['chat', '--no-interactive', ...mode])).toMatchObject({
        status: 1,
        out: '',
        err: notLoggedIn,
      });
    }
    const browser = start(box, ['chat', '--list-sessions']);
    const device = start(box, ['chat', '--delete-session', 'x'], {KIRO_SIM_VERSION: '2.4.2'});
    try {
      expect(
        await waitFor(
          () => browser.stdout().includes('127.0.0.1') && device.stdout().endsWith('Logging in...\n'),
        ),
      ).toBe(true);
      expect(browser.stdout()).toBe(
        'Opening the sign-in page in your browser. Waiting for the login callback on http://127.0.0.1:49153 ...\n',
      );
      expect(device.stdout()).toContain('Code: ABCD-EFGH');
      await sleep(300);
      expect([browser.child.exitCode, device.child.exitCode]).toEqual([null, null]);
    } finally {
      killGroup(browser);
      killGroup(device);
    }
  });

  it('deletes sessions of either store, with the lying variant', () => {
    const box = sandbox();
    turn(box, 'a');
    turn(box, 'b');
    const [idB, idA] = listedIds(box) as [string, string];
    expect(run(box, ['chat', '--delete-session', idA], {env: KEY})).toMatchObject({
      status: 0,
      err: `Deleted session ${idA}\n`,
    });
    expect(run(box, ['chat', '--delete-session', idA], {env: KEY})).toMatchObject({
      status: 1,
      err: `error: Session ${idA} not found\n`,
    });
    const lie = run(box, ['chat', '--delete-session', idB], {env: {...KEY, KIRO_SIM_DELETE_LIES: '1'}});
    expect(lie).toMatchObject({status: 1, err: `error: Session ${idB} not found\n`});
    expect(sessionFiles(box)).toEqual([]);
    expect(run(box, ['chat', '--delete-session', '../../etc/passwd'], {env: KEY}).status).toBe(1);
  });
});

describe('directives', () => {
  it('takes directives from KIRO_SIM_DIRECTIVES and rejects unknown ones', () => {
    const box = sandbox();
    expect(
      turn(box, 'hi', [], {KIRO_SIM_DIRECTIVES: '[[sim:answer=from env]][[sim:credits=2]]'}),
    ).toMatchObject({
      out: `${MARK}from env`,
      err: MCP_OFF + trailer('1s', '2'),
    });
    expect(turn(box, '[[sim:nope]]')).toMatchObject({
      status: 64,
      err: 'kiro-cli simulator: unknown directive [[sim:nope]]\n',
    });
  });

  it('ends turns with exit=N, no-trailer and error=TEXT', () => {
    const box = sandbox();
    expect(turn(box, '[[sim:exit=3]]')).toMatchObject({
      status: 3,
      out: `${MARK}You said: [[sim:exit=3]]`,
      err: MCP_OFF,
    });
    expect(turn(box, '[[sim:no-trailer]]')).toMatchObject({status: 0, err: MCP_OFF});
    expect(turn(box, '[[sim:error=stream broke]]')).toMatchObject({
      status: 1,
      out: '',
      err: `${MCP_OFF}error: stream broke\n`,
    });
  });

  it('prints backend failures with exit 0 and no trailer', () => {
    const box = sandbox();
    const lines: Record<string, string> = {
      trouble: 'Kiro is having trouble responding right now: dispatch failure\n',
      quota:
        '\u26a0\ufe0f  Kiro rate limit reached:\nRequest quota exceeded. Please wait a moment and try again.\n',
      unavailable:
        "The model you've selected is temporarily unavailable. Please relaunch with '--model <model_id>' to use a different model.\n",
    };
    for (const [kind, line] of Object.entries(lines)) {
      expect(turn(box, `[[sim:backend=${kind}]]`)).toMatchObject({status: 0, out: '', err: MCP_OFF + line});
    }
  });

  it('hits the monthly usage limit: V2 exits 0 on stderr, V3 (--v3, --agent-engine v3) exits 1', () => {
    const box = sandbox();
    const v2 = {
      status: 0,
      out: '',
      err: `${MCP_OFF}Monthly request limit reached\nThe limits reset on 10/01.\n`,
    };
    expect(turn(box, '[[sim:usage-limit]]')).toMatchObject(v2);
    expect(turn(box, '[[sim:usage-limit=v2]]', ['--v3'])).toMatchObject(v2);
    const v3 = {
      status: 1,
      out: "You've reached your monthly usage limit.\n",
      err:
        MCP_OFF +
        '[ERROR] [KRS] HTTP 400 body={"__type":"com.amazon.kiro#ServiceQuotaExceededException","reason":"MONTHLY_REQUEST_COUNT"}\n',
    };
    expect(turn(box, '[[sim:usage-limit]]', ['--v3'])).toMatchObject(v3);
    expect(turn(box, '[[sim:usage-limit]]', ['--agent-engine', 'v3'])).toMatchObject(v3);
    expect(turn(box, '[[sim:usage-limit=v3]]')).toMatchObject(v3);
  });

  it('fails every turn with "profileArn is required" while whoami says logged in (KIRO_SIM_PROFILE_ARN)', () => {
    const box = sandbox();
    login(box, {method: 'idc', startUrl: 'https://d-123.awsapps.com/start', region: 'us-east-1'});
    const env = {KIRO_SIM_PROFILE_ARN: 'missing'};
    expect(run(box, ['whoami'], {env})).toMatchObject({status: 0});
    const r = run(box, ['chat', '--no-interactive', 'hi'], {env});
    expect(r).toMatchObject({status: 1, out: ''});
    expect(r.err.split('\n').slice(0, 3)).toEqual([
      'Kiro is having trouble responding right now: ',
      '   0: Failed to send the request: An unknown error occurred: profileArn is required but no profiles are available. Please log in and select a profile.',
      '   1: An unknown error occurred: profileArn is required but no profiles are available. Please log in and select a profile.',
    ]);
  });

  it('fails the first N attempts of a flaky prompt, also when attempts run at once', async () => {
    const box = sandbox();
    const trouble = `${MCP_OFF}Kiro is having trouble responding right now: dispatch failure\n`;
    expect(turn(box, 'f [[sim:flaky=1]]').err).toBe(trouble);
    expect(turn(box, 'f [[sim:flaky=1]]').err).toBe(MCP_OFF + trailer('1s'));
    const state = tempDir('state');
    const lives = Array.from({length: 5}, () =>
      start(box, ['chat', '--no-interactive', 'g [[sim:flaky=2]]'], {
        KIRO_API_KEY: 'ksk_a',
        KIRO_SIM_STATE_DIR: state,
      }),
    );
    try {
      await Promise.all(lives.map((l) => l.exited));
      const failed = lives.filter((l) => l.stderr() === trouble).length;
      expect(failed).toBe(2);
      expect(lives.filter((l) => l.stderr().endsWith(trailer('1s'))).length).toBe(3);
    } finally {
      lives.forEach(killGroup);
    }
  });

  it('writes big answers, long lines, invalid UTF-8 and binary exactly', () => {
    const box = sandbox();
    const big = turn(box, '[[sim:big=3000001]]');
    const text = stripAnsi(big.out);
    expect(text.startsWith('> 0000001 ')).toBe(true);
    expect(Buffer.byteLength(text) - 2).toBe(3000001);
    expect(big.err).toBe(MCP_OFF + trailer('1s'));
    const line = turn(box, '[[sim:line=200000]]');
    expect(line.stdout.length).toBe(MARK.length + 200000);
    expect(line.out.includes('\n')).toBe(false);
    const bad = turn(box, '[[sim:invalid-utf8]]');
    expect(
      bad.stdout.equals(
        Buffer.concat([
          Buffer.from(`${MARK}invalid bytes: `),
          Buffer.from([0xff, 0xfe]),
          Buffer.from(` end${EOL}truncated euro: `),
          Buffer.from([0xe2, 0x82]),
        ]),
      ),
    ).toBe(true);
    const bin1 = turn(box, '[[sim:binary=5000]]');
    const bin2 = turn(box, '[[sim:binary=5000]]');
    expect(bin1.stdout.length).toBe(5000);
    expect(bin1.stdout.equals(bin2.stdout)).toBe(true);
    expect(bin1.stdout.includes(0)).toBe(true);
    expect(bin1.err).toBe(MCP_OFF + trailer('1s'));
  });

  it('crashes like a Rust panic and dies by signal', () => {
    const box = sandbox();
    const crash = turn(box, '[[sim:crash]]');
    expect(crash).toMatchObject({status: 101, out: `${MARK}Here is the first half of the ans`});
    expect(crash.err.startsWith(`${MCP_OFF}\nthread 'main' panicked at `)).toBe(true);
    const segv = turn(box, '[[sim:signal=SIGSEGV]]');
    expect(segv).toMatchObject({
      status: null,
      signal: 'SIGSEGV',
      out: `${MARK}Partial answer before the crash`,
    });
    expect(turn(box, '[[sim:signal=SIGKILL]]')).toMatchObject({status: null, signal: 'SIGKILL'});
  });

  it('closes stdout early and still finishes with a trailer', async () => {
    const live = start(sandbox(), ['chat', '--no-interactive', '[[sim:close-stdout]]'], {
      KIRO_API_KEY: 'ksk_a',
    });
    try {
      const stdoutEnded = new Promise<number>((resolve) =>
        live.child.stdout?.on('end', () => resolve(Date.now())),
      );
      const [endedAt, exit] = await Promise.all([
        stdoutEnded,
        live.exited.then((e) => ({...e, at: Date.now()})),
      ]);
      expect(exit.at - endedAt).toBeGreaterThanOrEqual(100);
      expect(exit).toMatchObject({code: 0, signal: null});
      expect(live.stdout()).toBe(`${MARK}The answer stops here`);
      expect(live.stderr()).toBe(MCP_OFF + trailer('1s'));
    } finally {
      killGroup(live);
    }
  });

  it('hangs silently, noisily, after the trailer, or on a login prompt', async () => {
    const box = sandbox();
    const cases = {
      hang: start(box, ['chat', '--no-interactive', '[[sim:hang]]'], {KIRO_API_KEY: 'ksk_a'}),
      noisy: start(box, ['chat', '--no-interactive', '[[sim:hang-noisy]]'], {KIRO_API_KEY: 'ksk_a'}),
      late: start(box, ['chat', '--no-interactive', '[[sim:trailer-then-hang]]'], {KIRO_API_KEY: 'ksk_a'}),
      login: start(box, ['chat', '--no-interactive', '[[sim:login-prompt]]'], {KIRO_API_KEY: 'ksk_a'}),
    };
    try {
      await sleep(900);
      for (const live of Object.values(cases)) expect(live.child.exitCode).toBe(null);
      expect(cases.hang.stdout()).toBe('');
      expect(cases.hang.stderr()).toBe(MCP_OFF);
      const ticks = cases.noisy.stderr().slice(MCP_OFF.length).split('Thinking...\n');
      expect(ticks.length).toBeGreaterThanOrEqual(3);
      expect(ticks.every((t) => t === '')).toBe(true);
      expect(cases.late.stdout()).toBe(`${MARK}You said: [[sim:trailer-then-hang]]`);
      expect(cases.late.stderr()).toBe(MCP_OFF + trailer('1s'));
      expect(cases.login.stdout().endsWith('\n\nLogging in...\n')).toBe(true);
    } finally {
      Object.values(cases).forEach(killGroup);
    }
  });

  it('ignores SIGTERM and leaves a grandchild in its process group', async () => {
    const rec = tempDir('rec');
    const live = start(
      sandbox(),
      ['chat', '--no-interactive', '[[sim:hang]][[sim:ignore-term]][[sim:grandchild]]'],
      {
        KIRO_API_KEY: 'ksk_a',
        KIRO_SIM_RECORD: rec,
      },
    );
    let grandchild = 0;
    try {
      expect(await waitFor(() => typeof readRecords(rec)[0]?.grandchildPid === 'number')).toBe(true);
      const record = readRecords(rec)[0] ?? {};
      grandchild = Number(record.grandchildPid);
      expect(record.pgid).toBe(live.child.pid);
      await sleep(200);
      process.kill(live.child.pid ?? 0, 'SIGTERM');
      process.kill(grandchild, 'SIGTERM');
      await sleep(300);
      expect(live.child.exitCode).toBe(null);
      expect(alive(grandchild)).toBe(true);
    } finally {
      killGroup(live);
    }
    await live.exited;
    expect(await waitFor(() => !alive(grandchild), 3000)).toBe(true);
  });
});

describe('recording', () => {
  it('records each invocation without the key and shows overlapping turns', async () => {
    const box = sandbox();
    const rec = tempDir('rec');
    const env = {
      KIRO_API_KEY: 'ksk_secret',
      KIRO_SIM_RECORD: rec,
      TERM: 'dumb',
      NO_COLOR: '1',
      KIRO_NO_AUTO_UPDATE: '1',
    };
    const lives = [0, 1, 2].map((i) =>
      start(box, ['chat', '--no-interactive', '--trust-tools=read', '--', `p${i} [[sim:sleep=400]]`], env),
    );
    try {
      await Promise.all(lives.map((l) => l.exited));
    } finally {
      lives.forEach(killGroup);
    }
    const records = readRecords(rec);
    expect(records).toHaveLength(3);
    expect(records.map((r) => r.prompt).sort()).toEqual([
      'p0 [[sim:sleep=400]]',
      'p1 [[sim:sleep=400]]',
      'p2 [[sim:sleep=400]]',
    ]);
    const first = records[0] ?? {};
    expect(first).toMatchObject({
      cwd: box.cwd,
      promptFromStdin: false,
      env: {TERM: 'dumb', NO_COLOR: '1', KIRO_API_KEY_set: true, KIRO_NO_AUTO_UPDATE: '1'},
      harness: 'v2',
      harnessPinned: false,
      trustAll: false,
      trustedTools: ['read'],
      exitCode: 0,
      grandchildPid: null,
    });
    expect(first.argv).toEqual(['chat', '--no-interactive', '--trust-tools=read', '--', first.prompt]);
    expect(JSON.stringify(records)).not.toContain('ksk_secret');
    const spans = records.map((r) => [Number(r.startedAt), Number(r.endedAt)] as const);
    const latestStart = Math.max(...spans.map(([s]) => s));
    const earliestEnd = Math.min(...spans.map(([, e]) => e));
    expect(latestStart).toBeLessThan(earliestEnd);
  });

  it('records a prompt that came from stdin', () => {
    const box = sandbox();
    const rec = tempDir('rec');
    run(box, ['chat', '--no-interactive'], {
      env: {KIRO_API_KEY: 'ksk_a', KIRO_SIM_RECORD: rec},
      input: 'from pipe',
    });
    expect(readRecords(rec)[0]).toMatchObject({
      prompt: 'from pipe',
      promptFromStdin: true,
      env: {TERM: null, NO_COLOR: null, KIRO_NO_AUTO_UPDATE: null},
    });
  });
});
