import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {createHash} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, describe, expect, it} from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const simBin = path.join(repoRoot, 'test/sim/bin');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KEY = {KIRO_API_KEY: 'ksk_test'};

type Json = Record<string, unknown>;
interface Frame {
  jsonrpc: '2.0';
  id?: string | number | null;
  method?: string;
  params?: Json;
  result?: Json;
  error?: {code: number; message: string; data?: unknown};
}

/** The frames of an ACP capture in ../shared/kiro-cli/captures. */
function capture(name: string): Frame[] {
  const text = fs.readFileSync(path.resolve(repoRoot, '../shared/kiro-cli/captures', name), 'utf8');
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Frame);
}

const created: string[] = [];
afterAll(() => {
  for (const dir of created) fs.rmSync(dir, {recursive: true, force: true});
});

interface Box {
  home: string;
  kiroHome: string;
  cwd: string;
}

function tempDir(label: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `kiro-acp-${label}-`)));
  created.push(dir);
  return dir;
}

function sandbox(): Box {
  return {home: tempDir('home'), kiroHome: tempDir('kiro'), cwd: tempDir('cwd')};
}

function envFor(box: Box, extra: Record<string, string>): Record<string, string> {
  return {
    PATH: [simBin, path.dirname(process.execPath), '/usr/bin', '/bin'].join(path.delimiter),
    HOME: box.home,
    KIRO_HOME: box.kiroHome,
    ...extra,
  };
}

const live: Client[] = [];
afterEach(() => {
  for (const client of live.splice(0)) client.kill();
});

/** A raw NDJSON JSON-RPC client driving `kiro-cli acp` (test/sim/bin first on PATH). */
class Client {
  readonly child: ChildProcess;
  readonly frames: Frame[] = [];
  stderr = '';
  readonly exited: Promise<{code: number | null; signal: NodeJS.Signals | null}>;
  private nextId = 1;
  private buffer = '';
  private watchers: Array<() => void> = [];
  /** Answers agent requests (permission, token); undefined leaves them unanswered. */
  answer: ((frame: Frame) => unknown) | undefined;

  constructor(box: Box, args: string[], env: Record<string, string>) {
    this.child = spawn('kiro-cli', ['acp', ...args], {
      cwd: box.cwd,
      env: envFor(box, env),
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    live.push(this);
    this.child.stdout?.setEncoding('utf8');
    this.child.stdout?.on('data', (text: string) => this.onData(text));
    this.child.stderr?.on('data', (c: Buffer) => (this.stderr += c.toString('utf8')));
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({code, signal})));
  }

  private onData(text: string): void {
    this.buffer += text;
    for (let nl = this.buffer.indexOf('\n'); nl !== -1; nl = this.buffer.indexOf('\n')) {
      const frame = JSON.parse(this.buffer.slice(0, nl)) as Frame;
      this.buffer = this.buffer.slice(nl + 1);
      this.frames.push(frame);
      if (frame.method !== undefined && frame.id !== undefined && this.answer) {
        const result = this.answer(frame);
        if (result !== undefined) this.write({jsonrpc: '2.0', id: frame.id, result});
      }
    }
    for (const watcher of this.watchers) watcher();
  }

  write(frame: object): void {
    this.raw(JSON.stringify(frame));
  }

  raw(line: string): void {
    this.child.stdin?.write(`${line}\n`);
  }

  /** Waits for the first frame (from index `from`) matching the predicate. */
  waitFor(predicate: (f: Frame) => boolean, timeoutMs = 5000, from = 0): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.frames.slice(from).find(predicate);
        if (found) resolve(found);
        return found !== undefined;
      };
      if (check()) return;
      const timer = setTimeout(
        () => reject(new Error(`no frame within ${timeoutMs} ms: ${this.dump()}`)),
        timeoutMs,
      );
      this.watchers.push(() => {
        if (check()) clearTimeout(timer);
      });
    });
  }

  /** Sends a request and resolves with its response frame. */
  request(method: string, params: object, timeoutMs = 5000): Promise<Frame> {
    const id = this.nextId++;
    this.write({jsonrpc: '2.0', id, method, params});
    return this.waitFor((f) => f.id === id && f.method === undefined, timeoutMs);
  }

  notify(method: string, params: object): void {
    this.write({jsonrpc: '2.0', method, params});
  }

  /** initialize + session/new in `cwd`; returns the new session id. */
  async open(cwd: string, params: Json = {}): Promise<string> {
    await this.request('initialize', {protocolVersion: 1, clientCapabilities: {}});
    const created = await this.request('session/new', {cwd, mcpServers: [], ...params});
    // The session's first metadata (V2) or context usage (V3) closes what session/new writes.
    const opened = (f: Frame): boolean =>
      f.method === '_kiro.dev/metadata' ||
      (f.params?.update as Json | undefined)?.sessionUpdate === 'session_info_update';
    await this.waitFor(opened, 5000, this.frames.indexOf(created));
    return String(created.result?.sessionId);
  }

  /** Sends a prompt and returns its response plus the frames written meanwhile. */
  async prompt(sessionId: string, text: string): Promise<{response: Frame; frames: Frame[]}> {
    const from = this.frames.length;
    const response = await this.request('session/prompt', {sessionId, prompt: [{type: 'text', text}]});
    return {response, frames: this.frames.slice(from, this.frames.indexOf(response))};
  }

  close(): void {
    this.child.stdin?.end();
  }

  kill(): void {
    try {
      if (this.child.pid !== undefined) process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }

  dump(): string {
    return `${this.frames.map((f) => JSON.stringify(f)).join('\n')}\nstderr: ${this.stderr}`;
  }
}

function start(box: Box, args: string[] = [], env: Record<string, string> = KEY): Client {
  return new Client(box, args, env);
}

const updates = (frames: Frame[], kind: string): Json[] =>
  frames
    .filter((f) => f.method === 'session/update')
    .map((f) => f.params?.update as Json)
    .filter((u) => u.sessionUpdate === kind);

const texts = (frames: Frame[], kind = 'agent_message_chunk'): string =>
  updates(frames, kind)
    .map((u) => (u.content as {text: string}).text)
    .join('');

const methods = (frames: Frame[]): string[] => frames.map((f) => f.method ?? `response:${String(f.id)}`);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function lockFile(box: Box, id: string): string {
  return path.join(box.kiroHome, 'sessions/cli', `${id}.lock`);
}

/** A pid that belonged to a process which has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString('utf8'));
}

describe('handshake', () => {
  it('answers initialize and session/new with the shapes of the 2.13.0 capture', async () => {
    const box = sandbox();
    const [init, listUpdate, created, commands, metadata] = capture('acp-2.13.0-handshake.jsonl');
    const client = start(box, [], {...KEY, KIRO_SIM_VERSION: '2.13.0'});
    const answer = await client.request('initialize', {protocolVersion: 1, clientCapabilities: {}});
    expect(answer).toEqual({...init, id: answer.id});
    const from = client.frames.length;
    const session = await client.request('session/new', {cwd: box.cwd, mcpServers: []});
    await client.waitFor((f) => f.method === '_kiro.dev/metadata');
    const frames = client.frames.slice(from);
    expect(methods(frames)).toEqual([
      listUpdate?.method,
      `response:${String(session.id)}`,
      commands?.method,
      metadata?.method,
    ]);
    expect(frames[0]).toEqual(listUpdate);
    const result = session.result as {sessionId: string; modes: Json; models: {availableModels: Json[]}};
    expect(result.sessionId).toMatch(UUID);
    expect(Object.keys(result)).toEqual(Object.keys(created?.result ?? {}));
    expect(result.modes).toEqual(created?.result?.modes);
    expect(Object.keys(result.models.availableModels[0] ?? {})).toEqual(['modelId', 'name', 'description']);
    expect(frames[2]?.params).toEqual({sessionId: result.sessionId, commands: []});
    expect(Object.keys(frames[3]?.params ?? {})).toEqual(Object.keys(metadata?.params ?? {}));
    expect(frames[3]?.params?.sessionId).toBe(result.sessionId);
  });

  it('refuses authenticate, unknown methods, bad params and bad JSON, and keeps serving', async () => {
    const box = sandbox();
    const client = start(box);
    expect((await client.request('initialize', {protocolVersion: 1})).result?.protocolVersion).toBe(1);
    expect((await client.request('authenticate', {methodId: 'x'})).error?.code).toBe(-32601);
    expect((await client.request('_kiro.dev/nothing', {})).error?.code).toBe(-32601);
    expect((await client.request('session/set_config_option', {})).error?.code).toBe(-32601);
    const missing = await client.request('session/new', {cwd: box.cwd});
    expect(missing.error).toEqual({
      code: -32602,
      message: 'Invalid params',
      data: 'missing field `mcpServers`',
    });
    client.raw('{"jsonrpc":"2.0","id":7,"method":');
    const parseError = await client.waitFor((f) => f.error?.code === -32700);
    expect(parseError).toEqual({jsonrpc: '2.0', error: {code: -32700, message: 'Parse error'}, id: null});
    const sessionId = String(
      (await client.request('session/new', {cwd: box.cwd, mcpServers: []})).result?.sessionId,
    );
    expect(sessionId).toMatch(UUID);
  });

  it('never answers a prompt sent as `content` instead of `prompt`', async () => {
    const box = sandbox();
    const client = start(box);
    const sessionId = await client.open(box.cwd);
    client.write({
      jsonrpc: '2.0',
      id: 99,
      method: 'session/prompt',
      params: {sessionId, content: [{type: 'text', text: 'hi'}]},
    });
    const {response} = await client.prompt(sessionId, 'after');
    expect(response.result).toEqual({stopReason: 'end_turn'});
    await sleep(200);
    expect(client.frames.some((f) => f.id === 99)).toBe(false);
  });

  it('needs a credential before the first frame: stderr, no frame, exit 1', async () => {
    const box = sandbox();
    const client = start(box, [], {});
    client.write({jsonrpc: '2.0', id: 1, method: 'initialize', params: {protocolVersion: 1}});
    expect(await client.exited).toEqual({code: 1, signal: null});
    expect(client.frames).toEqual([]);
    expect(client.stderr).toBe('error: You are not logged in, please log in with kiro-cli login\n');
    const dir = path.join(box.home, '.local/share/kiro-cli');
    fs.mkdirSync(dir, {recursive: true});
    fs.writeFileSync(path.join(dir, 'sim-login.json'), JSON.stringify({method: 'builder-id'}));
    const loggedIn = start(box, [], {});
    expect((await loggedIn.request('initialize', {protocolVersion: 1})).result?.protocolVersion).toBe(1);
  });

  it('waits KIRO_SIM_ACP_STARTUP_MS before reading, and records argv', async () => {
    const box = sandbox();
    const record = tempDir('record');
    const began = Date.now();
    const client = start(box, ['--model', 'claude-haiku-4.5'], {
      ...KEY,
      KIRO_SIM_ACP_STARTUP_MS: '400',
      KIRO_SIM_RECORD: record,
    });
    await client.request('initialize', {protocolVersion: 1});
    expect(Date.now() - began).toBeGreaterThanOrEqual(400);
    client.close();
    expect((await client.exited).code).toBe(0);
    const [doc] = fs
      .readdirSync(record)
      .map((n) => JSON.parse(fs.readFileSync(path.join(record, n), 'utf8')) as Json);
    expect(doc).toMatchObject({
      argv: ['acp', '--model', 'claude-haiku-4.5'],
      harness: 'v2',
      model: 'claude-haiku-4.5',
      exitCode: 0,
    });
  });
});

describe('V2 turns', () => {
  it('streams a turn like the 2.5.1 capture: chunks, metadata, end_turn', async () => {
    const box = sandbox();
    const [ask, hello, dot, metadata, done] = capture('acp-2.5.1-turn.jsonl');
    const client = start(box);
    const sessionId = await client.open(box.cwd);
    const text = String((ask?.params?.prompt as Array<{text: string}>)[0]?.text);
    const {response, frames} = await client.prompt(sessionId, text);
    expect(response.result).toEqual(done?.result);
    expect(methods(frames)).toEqual([hello?.method, dot?.method, metadata?.method]);
    expect(frames.slice(0, 2).map((f) => f.params?.update)).toEqual([
      hello?.params?.update,
      dot?.params?.update,
    ]);
    const meta = frames[2]?.params as {meteringUsage: Json[]; turnDurationMs: number};
    expect(Object.keys(meta)).toEqual(Object.keys(metadata?.params ?? {}));
    expect(meta.meteringUsage).toEqual([{value: 0.06, unit: 'credit', unitPlural: 'credits'}]);
    expect(typeof meta.turnDurationMs).toBe('number');
  });

  it('saves the V2 store with a lock while open and removes the lock when stdin closes', async () => {
    const box = sandbox();
    const client = start(box);
    const sessionId = await client.open(box.cwd);
    await client.prompt(sessionId, 'remember this');
    const lock = JSON.parse(fs.readFileSync(lockFile(box, sessionId), 'utf8')) as Json;
    expect(lock.pid).toBe(client.child.pid);
    expect(typeof lock.started_at).toBe('string');
    const header = JSON.parse(
      fs.readFileSync(path.join(box.kiroHome, 'sessions/cli', `${sessionId}.json`), 'utf8'),
    ) as Json;
    expect(header).toMatchObject({session_id: sessionId, title: 'remember this', cwd: box.cwd});
    const events = fs
      .readFileSync(path.join(box.kiroHome, 'sessions/cli', `${sessionId}.jsonl`), 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as {kind: string}).kind);
    expect(events).toEqual(['Prompt', 'AssistantMessage']);
    client.close();
    expect(await client.exited).toEqual({code: 0, signal: null});
    expect(fs.existsSync(lockFile(box, sessionId))).toBe(false);
  });

  it('sends thoughts, a plan, several messages and a trusted read inside the cwd without asking', async () => {
    const box = sandbox();
    fs.writeFileSync(path.join(box.cwd, 'notes.txt'), 'NOTE CONTENT');
    const client = start(box);
    const sessionId = await client.open(box.cwd);
    const {response, frames} = await client.prompt(
      sessionId,
      '[[sim:thinking=Let me think]][[sim:plan=Look;Answer]][[sim:tool=read:notes.txt]][[sim:messages=2]][[sim:answer=Done.]]',
    );
    expect(response.result).toEqual({stopReason: 'end_turn'});
    expect(texts(frames, 'agent_thought_chunk')).toBe('Let me think');
    expect(updates(frames, 'plan')[0]?.entries).toEqual([
      {content: 'Look', priority: 'medium', status: 'in_progress'},
      {content: 'Answer', priority: 'medium', status: 'pending'},
    ]);
    const preview = frames.find((f) => f.method === '_kiro.dev/session/update');
    const call = updates(frames, 'tool_call')[0];
    expect(preview?.params?.update).toEqual({
      sessionUpdate: 'tool_call_chunk',
      toolCallId: call?.toolCallId,
      title: 'read',
      kind: 'read',
    });
    expect(updates(frames, 'tool_call_update').at(-1)).toMatchObject({
      status: 'completed',
      rawOutput: {items: [{Text: 'NOTE CONTENT'}]},
    });
    expect(frames.some((f) => f.method === 'session/request_permission')).toBe(false);
    expect(texts(frames)).toBe('Step 1 of 2. Done.');
  });

  it('stops with each stopReason a directive asks for', async () => {
    const box = sandbox();
    const client = start(box);
    const sessionId = await client.open(box.cwd);
    for (const reason of ['end_turn', 'max_tokens', 'max_turn_requests', 'refusal', 'cancelled']) {
      const {response} = await client.prompt(sessionId, `[[sim:stop=${reason}]]`);
      expect(response.result).toEqual({stopReason: reason});
    }
    const bad = await client.prompt(sessionId, '[[sim:stop=later]]');
    expect(bad.response.error?.code).toBe(-32602);
  });

  it('sends bare keep-alives, subagent metadata under their own ids, and metadata early on request', async () => {
    const box = sandbox();
    const client = start(box);
    const sessionId = await client.open(box.cwd);
    const slow = await client.prompt(sessionId, '[[sim:keepalive=3]] hi');
    const bare = slow.frames.filter(
      (f) => f.method === '_kiro.dev/metadata' && Object.keys(f.params ?? {}).length === 1,
    );
    expect(bare.map((f) => f.params)).toEqual([{sessionId}, {sessionId}, {sessionId}]);
    expect(slow.frames.findIndex((f) => f.method === 'session/update')).toBeGreaterThan(
      slow.frames.indexOf(bare[2] as Frame),
    );

    const delegated = await client.prompt(sessionId, '[[sim:subagent=2]][[sim:credits=0.5]]');
    const metas = delegated.frames
      .filter((f) => f.method === '_kiro.dev/metadata')
      .map((f) => f.params as Json);
    const children = metas.filter((m) => m.sessionId !== sessionId);
    expect(children).toHaveLength(2);
    for (const child of children)
      expect(child.meteringUsage).toEqual([{value: 0.01, unit: 'credit', unitPlural: 'credits'}]);
    expect(metas.filter((m) => m.sessionId === sessionId).map((m) => m.meteringUsage)).toEqual([
      [{value: 0.5, unit: 'credit', unitPlural: 'credits'}],
    ]);
    const children2 = fs
      .readdirSync(path.join(box.kiroHome, 'sessions/cli'))
      .filter((n) => n.endsWith('.json'))
      .map((n) => JSON.parse(fs.readFileSync(path.join(box.kiroHome, 'sessions/cli', n), 'utf8')) as Json)
      .filter((h) => h.parent_session_id === sessionId);
    expect(children2.map((h) => h.session_id).sort()).toEqual(children.map((c) => c.sessionId).sort());

    const early = await client.prompt(sessionId, '[[sim:early-end]][[sim:answer=one two]]');
    expect(methods(early.frames)).toEqual(['session/update', '_kiro.dev/metadata', 'session/update']);
  });

  it('answers a usage limit and a rate limit with the headless texts', async () => {
    const box = sandbox();
    const client = start(box);
    const sessionId = await client.open(box.cwd);
    const limit = await client.prompt(sessionId, '[[sim:usage-limit]]');
    expect(limit.response.error).toEqual({
      code: -32603,
      message: 'Internal error',
      data: 'Monthly request limit reached\nThe limits reset on 10/01.',
    });
    const quota = await client.prompt(sessionId, '[[sim:backend=quota]]');
    expect(quota.frames.map((f) => [f.method, f.params])).toEqual([
      [
        '_kiro.dev/error/rate_limit',
        {message: 'Request quota exceeded. Please wait a moment and try again.'},
      ],
    ]);
    expect(quota.response.error?.code).toBe(-32603);
    expect(String(quota.response.error?.data)).toContain('Request quota exceeded.');
  });

  it('falls back from an unknown agent and refuses an unknown model like headless', async () => {
    const box = sandbox();
    const client = start(box, ['--agent', 'ghost']);
    await client.open(box.cwd);
    const notice = await client.waitFor((f) => f.method === '_kiro.dev/agent/not_found');
    expect(notice.params).toEqual({requestedAgent: 'ghost', fallbackAgent: 'kiro_default'});
    expect(client.stderr).toContain(
      'Error: no agent with name ghost found. Falling back to user specified default\n',
    );
    const model = start(box, ['--model', 'gpt-9']);
    expect(await model.exited).toEqual({code: 1, signal: null});
    expect(model.frames).toEqual([]);
    expect(model.stderr).toContain(
      "error: Model 'gpt-9' does not exist. Available models: auto, claude-sonnet-4.5",
    );
  });

  it('switches mode and model, and refuses an unknown model', async () => {
    const box = sandbox();
    const client = start(box);
    const sessionId = await client.open(box.cwd);
    expect(
      (await client.request('session/set_model', {sessionId, modelId: 'claude-opus-4.5'})).result,
    ).toEqual({});
    expect((await client.request('session/set_model', {sessionId, modelId: 'nope'})).error?.code).toBe(
      -32602,
    );
    expect((await client.request('session/set_mode', {sessionId, modeId: 'kiro_planner'})).result).toEqual(
      {},
    );
    const switched = await client.waitFor((f) => f.method === '_kiro.dev/agent/switched');
    expect(switched.params).toMatchObject({
      agentName: 'kiro_planner',
      previousAgentName: 'kiro_default',
      model: 'claude-opus-4.5',
    });
  });
});

describe('permissions', () => {
  it('asks before an out-of-cwd read like the 2.x capture and runs it when allowed', async () => {
    const box = sandbox();
    const outside = tempDir('outside');
    fs.writeFileSync(path.join(outside, 'MARKER.txt'), 'ZUCCHINI_LIGHTHOUSE_42');
    const [chunk, call, ask, done] = capture('acp-2.x-tool-permission.jsonl');
    const client = start(box);
    client.answer = () => ({outcome: {outcome: 'selected', optionId: 'allow_once'}});
    const sessionId = await client.open(box.cwd);
    const {response, frames} = await client.prompt(sessionId, `[[sim:tool=read:${outside}/MARKER.txt]]`);
    expect(response.result).toEqual({stopReason: 'end_turn'});
    expect(methods(frames).slice(0, 4)).toEqual([chunk?.method, call?.method, ask?.method, done?.method]);
    const [preview, announced, request, completed] = frames;
    const toolCallId = String((announced?.params?.update as Json).toolCallId);
    expect(toolCallId).toMatch(/^tooluse_/);
    expect(preview?.params).toEqual({
      ...chunk?.params,
      sessionId,
      update: {...(chunk?.params?.update as Json), toolCallId},
    });
    expect(announced?.params?.update).toEqual({
      ...(call?.params?.update as Json),
      toolCallId,
      locations: [{path: `${outside}/MARKER.txt`}],
      rawInput: {
        ...((call?.params?.update as Json).rawInput as Json),
        __tool_use_purpose: expect.any(String) as unknown,
        operations: [{mode: 'Line', path: `${outside}/MARKER.txt`}],
      },
    });
    expect(request?.id).toMatch(UUID);
    const {_meta: meta, ...params} = request?.params ?? {};
    expect(params).toEqual({
      ...ask?.params,
      sessionId,
      toolCall: {toolCallId, title: 'Reading MARKER.txt:1'},
    });
    expect(meta).toEqual({
      trustOptions: [
        {label: 'Directory', display: outside, setting_key: 'allowedPaths', patterns: [`${outside}/**`]},
      ],
    });
    expect(completed?.params?.update).toEqual({...(done?.params?.update as Json), toolCallId});
  });

  it('asks before a shell command with trust options, remembers allow_always, and trusts all with -a', async () => {
    const box = sandbox();
    const client = start(box);
    client.answer = () => ({outcome: {outcome: 'selected', optionId: 'allow_always'}});
    const sessionId = await client.open(box.cwd);
    const first = await client.prompt(sessionId, '[[sim:shell=npm run test]]');
    const ask = first.frames.find((f) => f.method === 'session/request_permission');
    expect((ask?.params?._meta as {trustOptions: Json[]}).trustOptions.map((t) => t.label)).toEqual([
      'Full command',
      'Partial command',
      'Base command',
    ]);
    expect(updates(first.frames, 'tool_call_update').map((u) => u.status)).toEqual([
      'in_progress',
      'completed',
    ]);
    expect(updates(first.frames, 'tool_call_update')[1]?.rawOutput).toEqual({
      items: [
        {Json: {exit_status: 'exit status: 0', stdout: 'simulated output of the command\n', stderr: ''}},
      ],
    });
    const second = await client.prompt(sessionId, '[[sim:shell=ls]]');
    expect(second.frames.some((f) => f.method === 'session/request_permission')).toBe(false);
    const trusting = start(box, ['-a']);
    const other = await trusting.open(box.cwd);
    const all = await trusting.prompt(other, '[[sim:shell=rm -rf build]]');
    expect(all.frames.some((f) => f.method === 'session/request_permission')).toBe(false);
    expect(trusting.stderr).toContain('All tools are now trusted (!).');
  });

  it('fails a rejected tool and goes on, and cancels the turn on a cancelled outcome', async () => {
    const box = sandbox();
    const record = tempDir('record');
    const client = start(box, [], {...KEY, KIRO_SIM_RECORD: record});
    client.answer = () => ({outcome: {outcome: 'selected', optionId: 'reject_once'}});
    const sessionId = await client.open(box.cwd);
    const rejected = await client.prompt(sessionId, '[[sim:shell=make deploy]]');
    expect(rejected.response.result).toEqual({stopReason: 'end_turn'});
    expect(updates(rejected.frames, 'tool_call_update').map((u) => u.status)).toEqual(['failed']);
    expect(texts(rejected.frames)).toContain('I was not allowed to use the shell tool.');
    client.answer = () => ({outcome: {outcome: 'cancelled'}});
    const cancelled = await client.prompt(sessionId, '[[sim:shell=make deploy]]');
    expect(cancelled.response.result).toEqual({stopReason: 'cancelled'});
    expect(texts(cancelled.frames)).toBe('');
    const [doc] = fs
      .readdirSync(record)
      .map((n) => JSON.parse(fs.readFileSync(path.join(record, n), 'utf8')) as Json);
    expect(doc?.toolCalls).toEqual([
      {tool: 'shell', arg: 'make deploy', status: 'refused'},
      {tool: 'shell', arg: 'make deploy', status: 'refused'},
    ]);
  });
});

describe('cancel', () => {
  it('answers cancelled promptly during a slow turn and while a permission request is pending', async () => {
    const box = sandbox();
    const client = start(box);
    const sessionId = await client.open(box.cwd);
    const began = Date.now();
    const slow = client.prompt(sessionId, '[[sim:sleep=10000]]');
    await sleep(200);
    client.notify('session/cancel', {sessionId});
    expect((await slow).response.result).toEqual({stopReason: 'cancelled'});
    expect(Date.now() - began).toBeLessThan(3000);
    const asking = client.prompt(sessionId, '[[sim:shell=sleep 100]]');
    await client.waitFor((f) => f.method === 'session/request_permission');
    client.notify('session/cancel', {sessionId});
    expect((await asking).response.result).toEqual({stopReason: 'cancelled'});
  });
});

describe('session/load', () => {
  async function seed(box: Box): Promise<string> {
    const client = start(box);
    const sessionId = await client.open(box.cwd);
    await client.prompt(sessionId, 'first question');
    client.close();
    await client.exited;
    return sessionId;
  }

  it('replays the history as user and agent chunks, then answers modes and models', async () => {
    const box = sandbox();
    const sessionId = await seed(box);
    const client = start(box);
    await client.request('initialize', {protocolVersion: 1});
    const from = client.frames.length;
    const loaded = await client.request('session/load', {sessionId, cwd: box.cwd, mcpServers: []});
    const replay = client.frames.slice(from, client.frames.indexOf(loaded));
    expect(replay.map((f) => f.params?.update)).toEqual([
      {sessionUpdate: 'user_message_chunk', content: {type: 'text', text: 'first question'}},
      {sessionUpdate: 'agent_message_chunk', content: {type: 'text', text: 'You said: first question'}},
    ]);
    expect(Object.keys(loaded.result ?? {})).toEqual(['modes', 'models']);
    expect(JSON.parse(fs.readFileSync(lockFile(box, sessionId), 'utf8'))).toMatchObject({
      pid: client.child.pid,
    });
    const {response} = await client.prompt(sessionId, 'second');
    expect(response.result).toEqual({stopReason: 'end_turn'});
  });

  it('exits 0 without answering an unknown id on 2.x, or answers an error when switched', async () => {
    const box = sandbox();
    const client = start(box);
    await client.request('initialize', {protocolVersion: 1});
    client.write({
      jsonrpc: '2.0',
      id: 5,
      method: 'session/load',
      params: {sessionId: '00000000-0000-4000-8000-000000000000', cwd: box.cwd, mcpServers: []},
    });
    expect(await client.exited).toEqual({code: 0, signal: null});
    expect(client.frames.some((f) => f.id === 5)).toBe(false);
    const erring = start(box, [], {...KEY, KIRO_SIM_ACP_LOAD_UNKNOWN: 'error'});
    await erring.request('initialize', {protocolVersion: 1});
    const answer = await erring.request('session/load', {sessionId: 'nope', cwd: box.cwd, mcpServers: []});
    expect(answer.error?.code).toBe(-32603);
  });

  it('refuses a session locked by a live process, and a stale lock until it is removed', async () => {
    const box = sandbox();
    const owner = start(box);
    const sessionId = await owner.open(box.cwd);
    await owner.prompt(sessionId, 'mine');
    const other = start(box);
    await other.request('initialize', {protocolVersion: 1});
    const params = {sessionId, cwd: box.cwd, mcpServers: []};
    expect((await other.request('session/load', params)).error).toEqual({
      code: -32603,
      message: 'Internal error',
      data: `Session is active in another process (PID ${String(owner.child.pid)})`,
    });
    owner.kill();
    await owner.exited;
    const dead = deadPid();
    fs.writeFileSync(
      lockFile(box, sessionId),
      JSON.stringify({pid: dead, started_at: new Date().toISOString()}),
    );
    expect((await other.request('session/load', params)).error?.data).toBe(
      `Session is active in another process (PID ${dead})`,
    );
    fs.rmSync(lockFile(box, sessionId));
    expect((await other.request('session/load', params)).result).toHaveProperty('modes');
    const taker = start(box, [], {...KEY, KIRO_SIM_ACP_STALE_LOCK: 'take'});
    fs.writeFileSync(
      lockFile(box, sessionId),
      JSON.stringify({pid: dead, started_at: new Date().toISOString()}),
    );
    await taker.request('initialize', {protocolVersion: 1});
    expect((await taker.request('session/load', params)).result).toHaveProperty('modes');
  });

  it('hangs on load with KIRO_SIM_ACP_LOAD=hang', async () => {
    const box = sandbox();
    const sessionId = await seed(box);
    const client = start(box, [], {...KEY, KIRO_SIM_ACP_LOAD: 'hang'});
    await client.request('initialize', {protocolVersion: 1});
    await expect(
      client.request('session/load', {sessionId, cwd: box.cwd, mcpServers: []}, 500),
    ).rejects.toThrow(/no frame/);
  });
});

describe('process end', () => {
  it('releases the lock and ends by the signal on SIGTERM', async () => {
    const box = sandbox();
    const client = start(box);
    const sessionId = await client.open(box.cwd);
    expect(fs.existsSync(lockFile(box, sessionId))).toBe(true);
    client.child.kill('SIGTERM');
    expect(await client.exited).toEqual({code: null, signal: 'SIGTERM'});
    expect(fs.existsSync(lockFile(box, sessionId))).toBe(false);
  });
});

describe('V3 dialect', () => {
  const V3 = ['--agent-engine=v3', '--auth-method=cli'];

  it('refuses the V2 flags before any frame', async () => {
    const box = sandbox();
    const client = start(box, [...V3, '--agent', 'x']);
    expect(await client.exited).toEqual({code: 2, signal: null});
    expect(client.frames).toEqual([]);
    expect(client.stderr).toBe(
      "error: the argument '--agent <AGENT>' cannot be used with '--agent-engine <ENGINE>'\n\nUsage: kiro-cli acp [OPTIONS]\n\nFor more information, try '--help'.\n",
    );
    const old = start(box, V3, {...KEY, KIRO_SIM_VERSION: '2.3.0'});
    expect((await old.exited).code).toBe(2);
    expect(old.stderr).toContain("error: unexpected argument '--agent-engine' found");
  });

  it('creates sess_ sessions with config options and reports the turn as session_info_update', async () => {
    const box = sandbox();
    const client = start(box, V3);
    const sessionId = await client.open(box.cwd, {_meta: {kiro: {modeId: 'kiro_default'}}});
    expect(sessionId).toMatch(/^sess_[0-9a-f-]{36}$/);
    const created = client.frames.find((f) => (f.result as Json | undefined)?.sessionId === sessionId);
    const options = (created?.result as {configOptions: Json[]}).configOptions;
    expect(options.map((o) => [o.id, o.currentValue])).toEqual([
      ['model', 'auto'],
      ['effortLevel', 'medium'],
      ['autopilot', 'on'],
    ]);
    const {response, frames} = await client.prompt(sessionId, '[[sim:shell=ls]][[sim:credits=0.25]] hello');
    expect(response.result).toEqual({stopReason: 'end_turn'});
    expect(frames.some((f) => f.method === 'session/request_permission')).toBe(false);
    const kinds = updates(frames, 'session_info_update').map((u) => (u._meta as {kiro: {kind: string}}).kiro);
    expect(kinds.map((k) => k.kind)).toEqual(['turn_start', 'turn_end', 'turn_completion', 'context_usage']);
    expect(kinds[1]).toEqual({kind: 'turn_end', turnEnd: {stopReason: 'end_turn'}});
    expect(kinds[2]).toMatchObject({
      promptTurnSummaries: [{unit: 'credit', usage: 0.25, usedTools: ['execute_bash']}],
      status: 'success',
    });
    expect(texts(frames)).toBe('You said: [[sim:shell=ls]][[sim:credits=0.25]] hello');
    const bucket = createHash('sha256').update(box.cwd).digest('hex').slice(0, 16);
    expect(fs.existsSync(path.join(box.kiroHome, 'sessions', bucket, sessionId, 'session.json'))).toBe(true);
  });

  it('asks permission once autopilot is off, with options that may lack allow_always', async () => {
    const box = sandbox();
    const client = start(box, V3);
    client.answer = (f) =>
      f.method === 'session/request_permission'
        ? {outcome: {outcome: 'selected', optionId: 'accept'}}
        : undefined;
    const sessionId = await client.open(box.cwd);
    const set = await client.request('session/set_config_option', {
      sessionId,
      configId: 'autopilot',
      value: 'off',
    });
    expect((set.result?.configOptions as Json[]).find((o) => o.id === 'autopilot')?.currentValue).toBe('off');
    const {frames} = await client.prompt(sessionId, '[[sim:shell=ls]]');
    const ask = frames.find((f) => f.method === 'session/request_permission');
    expect((ask?.params?.options as Json[]).map((o) => o.kind)).toEqual(['allow_once', 'reject_once']);
    expect(updates(frames, 'tool_call_update').at(-1)?.status).toBe('completed');
  });

  it('asks the client for a token without --auth-method=cli', async () => {
    const box = sandbox();
    const client = start(box, ['--agent-engine', 'v3'], {});
    const tokens: Frame[] = [];
    client.answer = (f) => {
      tokens.push(f);
      return {
        accessToken: 'tok',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        profileArn: 'arn:x',
      };
    };
    const sessionId = await client.open(box.cwd);
    const {response} = await client.prompt(sessionId, 'hi');
    expect(response.result).toEqual({stopReason: 'end_turn'});
    expect(tokens.map((f) => [f.method, f.params])).toEqual([['_kiro/auth/getAccessToken', {}]]);
  });

  it('puts turn_end before the last chunk with early-end, and loads a V3 session', async () => {
    const box = sandbox();
    const client = start(box, V3);
    const sessionId = await client.open(box.cwd);
    const {frames} = await client.prompt(sessionId, '[[sim:early-end]][[sim:answer=a b]]');
    const order = updates(frames, 'agent_message_chunk').length;
    expect(order).toBe(2);
    const end = frames.findIndex(
      (f) =>
        (f.params?.update as Json | undefined)?.sessionUpdate === 'session_info_update' &&
        JSON.stringify(f).includes('turn_end'),
    );
    const lastChunk = frames
      .map((f) => (f.params?.update as Json | undefined)?.sessionUpdate)
      .lastIndexOf('agent_message_chunk');
    expect(end).toBeLessThan(lastChunk);
    client.close();
    await client.exited;
    const again = start(box, V3);
    await again.request('initialize', {protocolVersion: 1});
    const from = again.frames.length;
    const loaded = await again.request('session/load', {sessionId, cwd: box.cwd, mcpServers: []});
    expect(Object.keys(loaded.result ?? {})).toEqual(['modes', 'configOptions']);
    expect(texts(again.frames.slice(from), 'user_message_chunk')).toBe('[[sim:early-end]][[sim:answer=a b]]');
    expect(texts(again.frames.slice(from))).toBe('a b');
  });
});
