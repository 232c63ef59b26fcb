import {spawn, type ChildProcess} from 'node:child_process';
import {mkdirSync} from 'node:fs';
import path from 'node:path';

import {Client} from '@modelcontextprotocol/client';
import {StdioClientTransport} from '@modelcontextprotocol/client/stdio';

import {expect} from 'vitest';

import {BIN, alive, makeWorld, records, waitFor, type World} from './harness.js';

/** A running `kiro-x mcp` with the SDK's own client connected over stdio. */
export interface McpSession {
  client: Client;
  /** The server's process id. */
  pid: number;
  /** Everything the server wrote on stderr so far. */
  stderr(): string;
  close(): Promise<void>;
}

/** Options of a server start. */
export interface StartOptions {
  cwd?: string;
  /** Protocol versions the client offers, newest first (default: the client's own list). */
  protocolVersions?: string[];
  /** Speak this modern (2026-07-28 and later) revision, negotiated through `server/discover`. */
  pin?: string;
}

const sessions: McpSession[] = [];

/** Start the built CLI's `kiro-x mcp` in the world and connect the SDK client to it. */
export async function startMcp(
  world: World,
  args: string[] = [],
  options: StartOptions = {},
): Promise<McpSession> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp', ...args],
    env: world.env as Record<string, string>,
    cwd: options.cwd ?? world.workspace,
    stderr: 'pipe',
  });
  const errors: string[] = [];
  transport.stderr?.on('data', (chunk: Buffer) => errors.push(chunk.toString('utf8')));
  const client = new Client(
    {name: 'kiro-x-e2e', version: '1.0.0'},
    {
      ...(options.protocolVersions && {supportedProtocolVersions: options.protocolVersions}),
      ...(options.pin && {versionNegotiation: {mode: {pin: options.pin}}}),
    },
  );
  await client.connect(transport);
  const session: McpSession = {
    client,
    pid: transport.pid ?? -1,
    stderr: () => errors.join(''),
    close: () => client.close(),
  };
  sessions.push(session);
  return session;
}

/** Close every server started so far (call from afterEach). */
export async function closeAll(): Promise<void> {
  await Promise.allSettled(sessions.splice(0).map((session) => session.close()));
}

/** The structured content of a tool result, typed loosely for assertions. */
export function structured(result: {structuredContent?: unknown}): Record<string, unknown> {
  return (result.structuredContent ?? {}) as Record<string, unknown>;
}

/** The text content of a tool result. */
export function textOf(result: {content?: unknown}): string {
  const content = (result.content ?? []) as Array<{type: string; text?: string}>;
  return content.map((block) => block.text ?? '').join('');
}

/** The pid of the one simulator turn of the world (listing calls excluded), once it has started. */
export async function simTurnPid(world: World, index = 0): Promise<number> {
  const turns = (): Array<Record<string, unknown>> =>
    records(world).filter((record) => typeof record.prompt === 'string' && record.prompt !== '');
  expect(await waitFor(() => turns().length > index, 10_000)).toBe(true);
  return turns()[index]?.pid as number;
}

/** Whether every simulator process the world ever started has ended. */
export function noSimAlive(world: World): boolean {
  return records(world).every((record) => !alive(record.pid as number));
}

/** A raw `kiro-x mcp` child with newline-delimited JSON-RPC on its stdin/stdout, for what the SDK hides. */
export interface RawServer {
  child: ChildProcess;
  /** Every stdout line so far. */
  lines: string[];
  stderr(): string;
  send(message: Record<string, unknown>): void;
  /** Resolves with the exit code and signal. */
  exited: Promise<{code: number | null; signal: NodeJS.Signals | null}>;
  /** The response to request `id`, once it came. */
  response(id: number): Promise<Record<string, unknown>>;
}

/** Spawn `kiro-x mcp` and say `initialize` + `notifications/initialized` by hand. */
export function rawServer(world: World, args: string[] = []): RawServer {
  const child = spawn(process.execPath, [BIN, 'mcp', ...args], {cwd: world.workspace, env: world.env});
  const lines: string[] = [];
  const errors: string[] = [];
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr.on('data', (chunk: Buffer) => errors.push(chunk.toString('utf8')));
  const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) =>
    child.on('close', (code, signal) => resolve({code, signal})),
  );
  const send = (message: Record<string, unknown>): void =>
    void child.stdin.write(`${JSON.stringify(message)}\n`);
  const find = (id: number) =>
    lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((message) => message.id === id);
  send({
    jsonrpc: '2.0',
    id: 0,
    method: 'initialize',
    params: {protocolVersion: '2025-06-18', capabilities: {}, clientInfo: {name: 'raw', version: '1'}},
  });
  send({jsonrpc: '2.0', method: 'notifications/initialized'});
  return {
    child,
    lines,
    stderr: () => errors.join(''),
    send,
    exited,
    async response(id) {
      expect(await waitFor(() => find(id) !== undefined, 15_000)).toBe(true);
      return find(id) as Record<string, unknown>;
    },
  };
}

/** A world with session ids on, and a session made there in a directory the default server does not allow. */
export async function sessionOutsideCwd(
  prompt: string,
): Promise<{world: World; other: string; sessionId: string}> {
  const world = makeWorld({KIRO_X_NO_SESSION_ID: undefined});
  const other = path.join(world.home, 'other');
  mkdirSync(other);
  const wide = await startMcp(world, ['--allow-cwd', world.workspace, '--allow-cwd', other]);
  const there = await wide.client.callTool({name: 'kiro_ask', arguments: {prompt, cwd: other}});
  const sessionId = structured(there).sessionId as string;
  await wide.close();
  return {world, other, sessionId};
}
