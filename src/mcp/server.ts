import {McpServer} from '@modelcontextprotocol/server';
import {serveStdio, StdioServerTransport} from '@modelcontextprotocol/server/stdio';

import {plural} from '../lib/output/plural.js';
import {redact} from '../lib/redact.js';
import {registerAskTools} from './ask-tools.js';
import type {McpServerConfig} from './config.js';
import type {McpContext} from './context.js';
import {answers} from './results.js';
import {TaskRegistry} from './task-registry.js';
import {registerSessionTools} from './session-tools.js';
import {registerTaskTools} from './task-tools.js';
import {TurnRunner} from './turn-runner.js';

const INSTRUCTIONS =
  "Kiro, the AWS coding agent, through kiro-x. kiro_ask runs one turn and answers when it ends (with progress); kiro_ask_async starts one in the background for kiro_task_status to follow. Pass a result's sessionId to continue its conversation. What a call may do (directories, trust, models, agents, concurrency) is bounded by how the server was started.";

/** Why the server stopped: its client closed stdin, or a signal came. */
export type StopCause = 'stdin closed' | 'SIGINT' | 'SIGTERM';

/** The server's shared state and its tools on one McpServer (one instance per connection era). */
export function createMcpServer(context: McpContext): McpServer {
  const server = new McpServer(
    {name: 'kiro-x', version: context.config.version},
    {capabilities: {tools: {}}, instructions: INSTRUCTIONS},
  );
  registerAskTools(server, context);
  registerTaskTools(server, context);
  registerSessionTools(server, context);
  return server;
}

/**
 * Serves MCP on stdin/stdout until the client closes stdin or SIGINT/SIGTERM arrives; then cancels every
 * running turn, waits until each has ended (kiro-cli stopped, generated profiles removed) and resolves with the
 * cause. A second signal exits at once, as `kiro-x ask` does.
 */
export async function serveMcp(config: McpServerConfig, stderr: NodeJS.WritableStream): Promise<StopCause> {
  const secrets = config.env.KIRO_API_KEY ? [config.env.KIRO_API_KEY] : [];
  const log = (line: string): void => void stderr.write(`kiro-x mcp: ${redact(line, secrets)}\n`);
  const runner = new TurnRunner(config);
  const context: McpContext = {
    config,
    runner,
    tasks: new TaskRegistry({retentionMs: config.taskRetentionMs, maxTasks: config.maxTasks}),
    answers: answers(secrets, log),
    log,
  };
  const transport = new StdioServerTransport();
  const handle = serveStdio(() => createMcpServer(context), {
    transport,
    onerror: (error) => log(`protocol error: ${error.message}`),
  });
  const stopped = untilStopped(transport);
  const {policy} = config;
  log(
    `serving on stdio; cwd allowed in ${policy.allowedDirs.join(', ')}; ${policy.maxConcurrent} turns at once`,
  );
  const cause = await stopped;
  log(`${cause}: cancelling ${plural(runner.running, 'running turn')}`);
  await runner.close();
  await context.answers.idle();
  await handle.close().catch(() => {});
  return cause;
}

/** Resolves when stdin closes or the first SIGINT/SIGTERM comes; a second signal exits at once. */
function untilStopped(transport: StdioServerTransport): Promise<StopCause> {
  return new Promise((resolve) => {
    const onSignal = (signal: 'SIGINT' | 'SIGTERM'): void => {
      const force = (): never => process.exit(signal === 'SIGTERM' ? 143 : 130);
      process.on('SIGINT', force).on('SIGTERM', force);
      resolve(signal);
    };
    process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
    // serveStdio set its own handler on the transport it owns: chained, so both learn that stdin closed.
    const entry = transport.onclose;
    transport.onclose = () => {
      entry?.();
      resolve('stdin closed');
    };
  });
}
