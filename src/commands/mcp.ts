import {Flags} from '@oclif/core';
import {BaseCommand} from '../cli/base-command.js';
import {runFlags, sessionFlags} from '../cli/shared-flags.js';

// A server never keeps its generated profiles, and continuing a conversation is a tool call's choice.
const {'keep-profile': _keepProfile, ...turnFlags} = runFlags;

/** `kiro-x mcp`: a stdio MCP server that lets other agents run Kiro turns, bounded by its own flags. */
export default class Mcp extends BaseCommand {
  static override summary =
    'Serve Kiro to other agents (Claude Code, Cursor, Codex, Kiro) as a stdio MCP server.';
  static override description = [
    'Tools: kiro_ask (one turn, with progress and cancellation), kiro_ask_async with kiro_task_status, kiro_task_cancel and kiro_task_list (long turns for clients that time out), kiro_sessions_list, kiro_session_show and kiro_doctor.',
    "The flags bound every tool call: its cwd must be inside an --allow-cwd directory (default: the server's working directory), it may trust fewer tools than the server but never more, use only the allowed models and agents, and at most --max-concurrent turns run at once. The run flags are the defaults of each turn.",
    'stdout carries only the protocol; logs go to stderr. Closing stdin, SIGINT or SIGTERM cancels every running turn, stops kiro-cli and exits 0.',
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> mcp',
    '<%= config.bin %> mcp --allow-cwd ~/src/app --allow-cwd ~/src/lib --trust-tools read,grep,shell --max-concurrent 2',
    '$ claude mcp add kiro -- kiro-x mcp --model claude-sonnet-4.5 --timeout 20m',
  ];
  static override flags = {
    'allow-cwd': Flags.string({
      description:
        "Directory a tool call may run in (repeatable); a call's cwd must be inside one once symlinks are resolved. Default: the working directory.",
      multiple: true,
      helpGroup: 'LIMITS',
    }),
    'allow-model': Flags.string({
      description: 'Comma-separated models a tool call may ask for (repeatable). Default: any.',
      multiple: true,
      helpGroup: 'LIMITS',
    }),
    'allow-agent': Flags.string({
      description: 'Comma-separated agents a tool call may ask for (repeatable). Default: any.',
      multiple: true,
      helpGroup: 'LIMITS',
    }),
    'max-concurrent': Flags.string({
      description: 'Turns running at once, sync and async; a call over it is refused. [default: 4]',
      helpGroup: 'LIMITS',
    }),
    'max-prompt-bytes': Flags.string({
      description: 'Largest prompt a tool call may send, in UTF-8 bytes. [default: 1048576]',
      helpGroup: 'LIMITS',
    }),
    'task-retention': Flags.string({
      description: 'How long a finished async task stays readable, e.g. 30m. [default: 1h]',
      helpGroup: 'LIMITS',
    }),
    'max-tasks': Flags.string({
      description: 'Finished async tasks kept at most; the oldest go first. [default: 100]',
      helpGroup: 'LIMITS',
    }),
    'progress-interval': Flags.string({
      description: 'Longest gap between two progress notifications of kiro_ask. [default: 5s]',
      hidden: true,
    }),
    ...turnFlags,
    'no-session-id': sessionFlags['no-session-id'],
  };

  public async run(): Promise<void> {
    const {flags} = await this.parse(Mcp);
    // Imported here, not at the top, so `--help` never loads the SDK.
    const [{cliSettings}, {parseDuration}, {DEFAULT_PROGRESS_INTERVAL_MS, mcpServerConfig}, {serveMcp}] =
      await Promise.all([
        import('../cli/shared-flags.js'),
        import('../lib/duration.js'),
        import('../mcp/config.js'),
        import('../mcp/server.js'),
      ]);
    const {settings, configFile} = await cliSettings(flags);
    const interval = flags['progress-interval'];
    const config = mcpServerConfig(settings, {
      cwd: process.cwd(),
      env: process.env,
      progressIntervalMs:
        interval === undefined
          ? DEFAULT_PROGRESS_INTERVAL_MS
          : parseDuration(interval, '--progress-interval'),
      version: this.config.version,
      configFile,
    });
    await serveMcp(config, process.stderr);
    // stdin may still be open after a signal: nothing is left to wait for once every turn has ended.
    process.exit(0);
  }
}
