import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {AgentNotFoundError} from '../errors.js';
import {describePathError} from '../fs/path-problem.js';
import {decodeUtf8} from '../fs/utf8.js';
import {agentSearchDirs, assertAgentName} from './agent-paths.js';

/** A named agent as kiro-cli would load it. */
export interface FoundAgent {
  name: string;
  path: string;
  json: Record<string, unknown>;
}

/** Find and parse agent NAME the way kiro-cli does (workspace, then `$KIRO_HOME/agents`); null when absent. */
export async function findAgent(
  name: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<FoundAgent | null> {
  assertAgentName(name);
  for (const dir of agentSearchDirs(cwd, env)) {
    const file = path.join(dir, `${name}.json`);
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
      throw new AgentNotFoundError(describePathError(`Agent "${name}" at ${file}`, 'read', error, file));
    }
    let text: string;
    try {
      text = decodeUtf8(bytes, `Agent "${name}" at ${file}`);
    } catch (error) {
      throw new AgentNotFoundError((error as Error).message);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new AgentNotFoundError(
        `Agent "${name}" at ${file} is not valid JSON: ${(error as Error).message}.`,
      );
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      throw new AgentNotFoundError(`Agent "${name}" at ${file} must be a JSON object.`);
    }
    return {name, path: file, json: json as Record<string, unknown>};
  }
  return null;
}

/** Like findAgent, but a missing agent is an error naming every place looked in. */
export async function requireAgent(name: string, cwd: string, env: NodeJS.ProcessEnv): Promise<FoundAgent> {
  const found = await findAgent(name, cwd, env);
  if (found) return found;
  const places = agentSearchDirs(cwd, env).map((dir) => path.join(dir, `${name}.json`));
  throw new AgentNotFoundError(`No agent named "${name}": looked in ${places.join(' and ')}.`, [
    'Check the name, or run kiro-x doctor --agent NAME.',
  ]);
}
