import {realpathSync, statSync} from 'node:fs';
import path from 'node:path';

import type {Settings} from '../lib/config/settings.js';
import {UsageError} from '../lib/errors.js';
import type {McpPolicy, RealPath} from './policy.js';

/** Everything `kiro-x mcp` runs with, fixed at start: the shared settings, the policy, the task bounds. */
export interface McpServerConfig {
  /** The resolved shared settings: the base of every turn (model, agent, timeouts, profile flags). */
  settings: Settings;
  policy: McpPolicy;
  /** How long a finished async task stays readable, in ms. */
  taskRetentionMs: number;
  /** Finished async tasks kept at most. */
  maxTasks: number;
  /** Longest gap between two progress notifications of a `kiro_ask` call, in ms. */
  progressIntervalMs: number;
  /** Passed to kiro-cli; its KIRO_API_KEY never leaves the server. */
  env: NodeJS.ProcessEnv;
  /** kiro-x's version, told to clients in `initialize`. */
  version: string;
  /** The config file the settings came from, if any. */
  configFile: string | null;
}

/** What the command knows besides the settings. */
export interface McpStart {
  /** The server process's working directory: the default cwd and allowed directory. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  progressIntervalMs: number;
  version: string;
  configFile: string | null;
}

/** Default gap between progress notifications: clients that reset a 60 s timeout on progress never reach it. */
export const DEFAULT_PROGRESS_INTERVAL_MS = 5000;

/** The real path of an existing directory, or null. */
export const realDirectory: RealPath = (file) => {
  try {
    const real = realpathSync.native(file);
    return statSync(real).isDirectory() ? real : null;
  } catch {
    return null;
  }
};

/** The server's configuration from resolved settings; an allowed directory that does not exist is a usage error. */
export function mcpServerConfig(settings: Settings, start: McpStart): McpServerConfig {
  const defaultCwd = path.resolve(start.cwd, settings.cwd ?? '.');
  const wanted = settings.allowCwd ?? [defaultCwd];
  if (wanted.length === 0) {
    throw new UsageError('--allow-cwd: no directory given, so no call could run anywhere.', [
      'Name at least one directory, or leave --allow-cwd out to allow the working directory.',
    ]);
  }
  const allowedDirs = wanted.map((dir) => {
    const real = realDirectory(dir);
    if (real === null) throw new UsageError(`--allow-cwd: not an existing directory: ${dir}`);
    return real;
  });
  const policy: McpPolicy = {
    allowedDirs,
    defaultCwd,
    trust: settings.trustAllTools ? {all: true} : {tools: settings.trustTools ?? []},
    allowModels: settings.allowModel ?? null,
    allowAgents: settings.allowAgent ?? null,
    tools: settings.tools ?? null,
    noTools: settings.noTools === true,
    maxConcurrent: settings.maxConcurrent,
    maxPromptBytes: settings.maxPromptBytes,
  };
  return {
    settings,
    policy,
    taskRetentionMs: settings.taskRetention,
    maxTasks: settings.maxTasks,
    progressIntervalMs: start.progressIntervalMs,
    env: start.env,
    version: start.version,
    configFile: start.configFile,
  };
}
