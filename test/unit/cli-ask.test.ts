import {PassThrough} from 'node:stream';
import {afterAll, afterEach, describe, expect, it, vi} from 'vitest';
import {runAskCommand, type CommandIo} from '../../src/cli/ask.js';
import {UsageError} from '../../src/lib/errors.js';
import {makeWorld, records, removeWorlds, type World} from '../e2e/harness.js';
import {validateAskResult, validateStreamEvent} from '../helpers/validate.js';

afterAll(removeWorlds);
afterEach(() => vi.unstubAllEnvs());

/** The command's side of the process, in memory: what it printed is read back after the run. */
function memoryIo(world: World, stdoutIsTTY = false) {
  const stdout = Object.assign(new PassThrough(), {isTTY: stdoutIsTTY});
  const stderr = Object.assign(new PassThrough(), {isTTY: false}) as unknown as NodeJS.WriteStream;
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  (stderr as unknown as PassThrough).on('data', (chunk: Buffer) => err.push(chunk));
  const io: CommandIo = {cwd: world.workspace, env: world.env, stdin: new PassThrough(), stdout, stderr};
  return {
    io,
    stdout: () => Buffer.concat(out).toString('utf8'),
    stderr: () => Buffer.concat(err).toString('utf8'),
  };
}

/** Run the adapter as `kiro-x ask PROMPT` with these flags in a fresh simulator world. */
async function ask(prompt: string, flags: Record<string, unknown>, world = makeWorld(), stdoutIsTTY = false) {
  // The config search reads the home directory: the world's, never the developer's.
  vi.stubEnv('HOME', world.home);
  const memory = memoryIo(world, stdoutIsTTY);
  const code = await runAskCommand({promptArg: prompt, promptFile: undefined, flags}, memory.io);
  return {code, stdout: memory.stdout(), stderr: memory.stderr(), world};
}

describe('runAskCommand (the ask adapter)', () => {
  it('json: one valid document on stdout, exit 0', async () => {
    const run = await ask('hi [[sim:answer=Hello there]]', {json: true});
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(validateAskResult(doc)).toEqual({valid: true, errors: []});
    expect(doc).toMatchObject({outcome: 'completed', text: 'Hello there'});
  });

  it('text: only the answer on stdout, nothing on stderr when all went well', async () => {
    const run = await ask('hi [[sim:answer=Just the answer]]', {});
    expect([run.code, run.stdout, run.stderr]).toEqual([0, 'Just the answer\n', '']);
  });

  it('--permission-mode fail or ask on the headless engine is said to have no effect; deny is headless already', async () => {
    const failing = await ask('hi', {json: true, 'permission-mode': 'fail'});
    expect((JSON.parse(failing.stdout) as {warnings: string[]}).warnings).toContain(
      '--permission-mode fail has no effect on the headless engine, where kiro-cli refuses every tool no trust flag covers; it applies with --engine acp.',
    );
    const denying = await ask('hi', {json: true, 'permission-mode': 'deny'});
    expect((JSON.parse(denying.stdout) as {warnings: string[]}).warnings.join('\n')).not.toContain(
      '--permission-mode',
    );
    const onAcp = await ask('hi', {json: true, engine: 'acp', 'permission-mode': 'fail'});
    expect((JSON.parse(onAcp.stdout) as {warnings: string[]}).warnings.join('\n')).not.toContain(
      '--permission-mode',
    );
  });

  it('text: a failed turn keeps its partial answer on stdout and explains itself on stderr', async () => {
    const run = await ask('[[sim:crash]]', {});
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('Here is the first half of the ans\n');
    expect(run.stderr).toMatch(/^error: /m);
  });

  it('stream-json: the events as lines, in order, then the document on one line', async () => {
    const run = await ask('hi [[sim:tools]]', {output: 'stream-json'});
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout.endsWith('\n')).toBe(true);
    const events = run.stdout
      .slice(0, -1)
      .split('\n')
      .map((line) => JSON.parse(line) as {type: string; text?: string; messageIndex?: number});
    for (const event of events) expect(validateStreamEvent(event)).toEqual({valid: true, errors: []});
    // stdout's events keep their order; stderr's (metadata, warning) fall between them as the pipes deliver.
    const fromStdout = events.map((e) => e.type).filter((type) => type !== 'metadata' && type !== 'warning');
    expect(fromStdout).toEqual([
      'session',
      'tool_call',
      'tool_call',
      'tool_call_update',
      'tool_call_update',
      'message',
      'tool_call',
      'tool_call_update',
      'message',
      'result',
    ]);
    expect(events.filter((e) => e.type === 'metadata' || e.type === 'warning')).toHaveLength(2);
    const result = events.at(-1) as unknown as {messages: string[]; transcript: string | null};
    // Every message chunk, each line with its newline: the messages, as the result has them.
    const chunks = events.filter((e) => e.type === 'message').map((e) => e.text ?? '');
    expect(chunks).toEqual(result.messages.map((m) => `${m}\n`));
    expect(result.transcript).not.toBeNull();
  });

  it('stream-json from the environment, as any setting', async () => {
    const world = makeWorld({KIRO_X_OUTPUT: 'stream-json'});
    const run = await ask('hi [[sim:answer=streamed]]', {}, world);
    expect(run.stdout.split('\n').at(-2)).toMatch(/^\{"type":"result","schemaVersion":1,"ok":true,/);
  });

  it('text on a terminal: the answer streams as it arrives and is not printed twice', async () => {
    const run = await ask('hi [[sim:messages=2]]', {}, makeWorld(), true);
    expect([run.code, run.stdout, run.stderr]).toEqual([
      0,
      'Step 1 of 2.\n\nYou said: hi [[sim:messages=2]]\n',
      '',
    ]);
  });

  it('text in a pipe: only the final answer, at the end', async () => {
    const run = await ask('hi [[sim:messages=2]]', {});
    expect(run.stdout).toBe('You said: hi [[sim:messages=2]]\n');
  });

  it('--resume and --resume-id reach kiro-cli through the resolved settings', async () => {
    const id = '607a278f-0000-4000-8000-000000000000';
    const resumed = await ask('again', {json: true, resume: true});
    const byId = await ask('again', {json: true, 'resume-id': id});
    const argvOf = (world: World): unknown =>
      records(world).find((r) => (r.argv as string[])[0] === 'chat')?.argv;
    expect(argvOf(resumed.world)).toContain('--resume');
    expect(argvOf(byId.world)).toEqual(expect.arrayContaining(['--resume-id', id]));
  });

  it('a --resume-id that is no session id is refused before anything runs', async () => {
    const world = makeWorld();
    const refusal = ask('x', {'resume-id': '../etc'}, world);
    await expect(refusal).rejects.toThrow(
      new UsageError(
        '--resume-id takes a session id (a UUID, or sess_<UUID> for the V3 harness), not "../etc".',
        ['List the ids with kiro-x sessions list.'],
      ),
    );
    expect(records(world)).toEqual([]);
  });

  it('a kiro-cli that is not there: outcome cli_not_found, exit 6', async () => {
    const run = await ask('hi', {json: true, 'cli-path': '/nonexistent/kiro-cli'});
    expect(run.code).toBe(6);
    expect(JSON.parse(run.stdout)).toMatchObject({outcome: 'cli_not_found'});
  });
});
