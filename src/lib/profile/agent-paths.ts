import os from 'node:os';
import path from 'node:path';
import {UsageError} from '../errors.js';

/** `$KIRO_HOME`, defaulting to `~/.kiro` as kiro-cli does. */
export function kiroHome(env: NodeJS.ProcessEnv): string {
  const home = env.KIRO_HOME;
  return home ? path.resolve(home) : path.join(env.HOME ?? os.homedir(), '.kiro');
}

/** The user's home as kiro-cli sees it (HOME of the child's environment). */
export function userHome(env: NodeJS.ProcessEnv): string {
  return path.resolve(env.HOME ?? os.homedir());
}

/**
 * Where kiro-cli looks for an agent NAME, in its order: the workspace first, then `$KIRO_HOME/agents`.
 * kiro-cli skips the workspace scan when the cwd is the home directory.
 */
export function agentSearchDirs(cwd: string, env: NodeJS.ProcessEnv): string[] {
  const global = path.join(kiroHome(env), 'agents');
  if (path.resolve(cwd) === userHome(env)) return [global];
  return [path.join(path.resolve(cwd), '.kiro', 'agents'), global];
}

/** Agent names are file stems: anything that could leave the agents directory is refused. */
export function assertAgentName(name: string, flag = '--agent'): void {
  if (name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name)) {
    throw new UsageError(`${flag} takes an agent name, not a path: ${JSON.stringify(name)}.`, [
      'Put the agent JSON in .kiro/agents/NAME.json (or $KIRO_HOME/agents) and pass NAME.',
    ]);
  }
}
