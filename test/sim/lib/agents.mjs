// Agent profiles: every *.json of the workspace and $KIRO_HOME agent directories, loaded and resolved by `name`.
import fs from 'node:fs';
import path from 'node:path';
import {agentFileProblem} from './agent-schema.mjs';

/** KIRO_HOME, defaulting to ~/.kiro. */
export function kiroHome(env) {
  return env.KIRO_HOME || path.join(env.HOME ?? '', '.kiro');
}

function real(p) {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

// The workspace directory (null when the cwd is the home directory: kiro-cli skips it there) and the global one.
function agentDirs(env) {
  const cwd = process.cwd();
  const inHome = env.HOME !== undefined && real(cwd) === real(env.HOME);
  return {
    workspace: inHome ? null : path.join(cwd, '.kiro', 'agents'),
    global: path.join(kiroHome(env), 'agents'),
  };
}

// Every loadable agent of one directory, in name order; a file kiro-cli rejects becomes an error line instead.
function loadDir(dir, harness, errors) {
  let names;
  try {
    names = fs
      .readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort();
  } catch {
    return [];
  }
  const agents = [];
  for (const fileName of names) {
    const file = path.join(dir, fileName);
    let text;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const problem = agentFileProblem(text, harness);
    if (problem.error) {
      errors.push(`Error: Json supplied at ${file} is invalid: ${problem.error}\n`);
      continue;
    }
    // V3 derives a missing name from the file name; 2.x requires it (agentFileProblem has checked).
    const name =
      typeof problem.json.name === 'string' ? problem.json.name : fileName.slice(0, -'.json'.length);
    agents.push({name, file, json: problem.json});
  }
  return agents;
}

/**
 * Loads every agent the way kiro-cli does on each start: workspace then global, invalid files reported (on every
 * run, whether or not --agent names them), a global agent shadowed by a workspace one of the same name warned
 * about. Returns {agents: Map name → {file, json}, messages}.
 */
export function loadAgents(env, harness) {
  const errors = [];
  const dirs = agentDirs(env);
  const workspace = dirs.workspace === null ? [] : loadDir(dirs.workspace, harness, errors);
  const global = loadDir(dirs.global, harness, errors);
  const conflicts = [];
  const local = new Set(workspace.map((a) => a.name));
  const agents = new Map();
  for (const agent of workspace) agents.set(agent.name, agent);
  for (const agent of global) {
    if (local.has(agent.name))
      conflicts.push(`WARNING: Agent conflict for ${agent.name}. Using workspace version.\n`);
    else agents.set(agent.name, agent);
  }
  return {agents, messages: [...errors, ...conflicts]};
}

/**
 * Resolves --agent NAME to {agent, file, warnings} or {fatal: {message, code}}. A missing agent falls back to the
 * default agent (V2 and V3 wordings) or exits 4 (KIRO_SIM_AGENT_MISSING=exit4).
 */
export function resolveAgent(env, name, harness) {
  const {agents, messages} = loadAgents(env, harness);
  const warnings = [...messages];
  if (name === undefined) return {agent: null, file: null, warnings};
  const found = agents.get(name);
  if (found) return {agent: found.json, file: found.file, warnings};
  if (env.KIRO_SIM_AGENT_MISSING === 'exit4') {
    return {fatal: {message: `${warnings.join('')}Error: no agent with name ${name} found\n`, code: 4}};
  }
  warnings.push(
    harness === 'v3'
      ? `agent "${name}" not found, using "kiro_default"\n`
      : `Error: no agent with name ${name} found. Falling back to user specified default\n`,
  );
  return {agent: null, file: null, warnings};
}

function onPath(command, env) {
  const isExec = (p) => {
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  };
  if (command.includes('/')) return isExec(command);
  return (env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && isExec(path.join(dir, command)));
}

/** Enabled MCP servers of the agent whose command is not found on PATH, as [{name, command}]. */
export function missingMcpServers(agent, env) {
  const servers = agent?.mcpServers && typeof agent.mcpServers === 'object' ? agent.mcpServers : {};
  return Object.entries(servers)
    .filter(([, server]) => server && server.disabled !== true)
    .map(([name, server]) => ({name, command: String(server.command ?? '')}))
    .filter(({command}) => !onPath(command, env));
}
