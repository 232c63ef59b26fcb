import {runDoctor} from '../lib/doctor/run-doctor.js';
import type {DoctorResult} from '../lib/doctor/types.js';
import {DEFAULT_LIST_TIMEOUT_MS, listSessions} from '../lib/sessions/list.js';
import {showSession, type SessionShowResult} from '../lib/sessions/show.js';
import type {SessionsListResult} from '../lib/sessions/types.js';
import type {McpServerConfig} from './config.js';

/** The saved conversations of `cwd`, as `kiro-x sessions list` finds them, with the server's kiro-cli. */
export function sessionsOf(
  config: McpServerConfig,
  cwd: string,
  signal: AbortSignal,
): Promise<SessionsListResult> {
  return listSessions({
    cliPath: config.settings.cliPath,
    cwd,
    env: config.env,
    timeoutMs: DEFAULT_LIST_TIMEOUT_MS,
    signal,
  });
}

/** One conversation from kiro-cli's session store, as `kiro-x sessions show` reads it. */
export function sessionById(config: McpServerConfig, id: string): Promise<SessionShowResult> {
  return showSession(config.env, id);
}

/** `kiro-x doctor` for `cwd` with the server's own settings (no probe: a tool call spends no credit on it). */
export function doctorFor(config: McpServerConfig, cwd: string, signal: AbortSignal): Promise<DoctorResult> {
  const {settings} = config;
  return runDoctor({
    cliPath: settings.cliPath,
    cwd,
    env: config.env,
    agent: settings.agent,
    model: settings.model,
    harness: settings.harness,
    engine: settings.engine,
    mcpConfig: settings.mcpConfig,
    // The server started, so its configuration loaded.
    config: {ok: true, filepath: config.configFile},
    signal,
  });
}
