import path from 'node:path';
import type {AskOptions} from './options.js';
import type {Settings} from '../config/settings.js';
import {UsageError} from '../errors.js';
import {readTextFile} from '../fs/read-text.js';
import type {ProfileFlags} from '../profile/build-profile.js';

/** Read a UTF-8 file a setting names; failures name the setting and the path. */
function readNamed(file: string, what: string): Promise<string> {
  return readTextFile(file, `${what} ${file}`);
}

/** Load `mcpServers` from an `--mcp-config` file, checking its shape so the error names the key. */
export async function readMcpConfig(file: string): Promise<Record<string, unknown>> {
  const text = await readNamed(file, '--mcp-config');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--mcp-config ${file} is not valid JSON: ${(error as Error).message}.`);
  }
  const servers = (json as {mcpServers?: unknown} | null)?.mcpServers;
  if (servers === null || typeof servers !== 'object' || Array.isArray(servers)) {
    throw new UsageError(`--mcp-config ${file}: "mcpServers" must be an object of servers.`);
  }
  for (const [name, server] of Object.entries(servers as Record<string, unknown>)) {
    const s = server as {command?: unknown; url?: unknown} | null;
    if (s === null || typeof s !== 'object' || (typeof s.command !== 'string' && typeof s.url !== 'string')) {
      throw new UsageError(`--mcp-config ${file}: mcpServers.${name} needs a "command" (or "url") string.`);
    }
  }
  return servers as Record<string, unknown>;
}

/** The profile flags of resolved settings, with files already read. */
export async function profileFlagsFrom(settings: Settings): Promise<ProfileFlags> {
  const systemPrompt =
    settings.systemPromptFile !== undefined
      ? await readNamed(settings.systemPromptFile, '--system-prompt-file')
      : settings.systemPrompt;
  return {
    systemPrompt,
    tools: settings.tools,
    noTools: settings.noTools,
    allowTools: settings.allowTools,
    resources: settings.resource,
    mcpServers: settings.mcpConfig !== undefined ? await readMcpConfig(settings.mcpConfig) : undefined,
    allowCommands: settings.allowCommand,
    denyCommands: settings.denyCommand,
    allowPaths: settings.allowPath,
  };
}

/** Turn resolved settings plus a prompt into the options of one `ask` turn. */
export async function askOptionsFromSettings(
  settings: Settings,
  prompt: string,
  extra: Partial<AskOptions> = {},
): Promise<AskOptions> {
  return {
    prompt,
    // The resolver has already checked that a configured cwd is an existing directory.
    cwd: path.resolve(settings.cwd ?? process.cwd()),
    cliPath: settings.cliPath,
    trust: settings.trustAllTools ? {all: true} : {tools: settings.trustTools ?? []},
    model: settings.model,
    effort: settings.effort,
    agent: settings.agent,
    harness: settings.harness,
    engine: settings.engine,
    permissionMode: settings.permissionMode,
    profile: await profileFlagsFrom(settings),
    keepProfile: settings.keepProfile,
    timeoutMs: settings.timeout,
    stallTimeoutMs: settings.stallTimeout,
    whoamiTimeoutMs: settings.whoamiTimeout,
    resume: settings.resume,
    resumeId: settings.resumeId,
    ...extra,
  };
}

/**
 * The options of the `ask` command's turn: JSON and JUnit output keep the whole transcript, text output only
 * the answer; the session lookup runs unless the settings turn it off.
 */
export function askCommandOptions(
  settings: Settings,
  prompt: string,
  run: Pick<AskOptions, 'env' | 'signal' | 'onEvent' | 'askUser'>,
): Promise<AskOptions> {
  return askOptionsFromSettings(settings, prompt, {
    keepTranscript: settings.output !== 'text',
    detectSessionId: !settings.noSessionId,
    ...run,
  });
}
