// Agent profiles looked up by name (workspace, then KIRO_HOME) and the MCP command check.
import fs from 'node:fs';
import path from 'node:path';

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

// kiro-cli takes a name, never a path: anything with a separator simply matches no file.
function candidates(env, name) {
  if (name === '' || name.includes('/') || name.includes('\\')) return {workspace: null, global: null};
  const cwd = process.cwd();
  const inHome = env.HOME !== undefined && real(cwd) === real(env.HOME);
  const workspace = inHome ? null : path.join(cwd, '.kiro', 'agents', `${name}.json`);
  const global = path.join(kiroHome(env), 'agents', `${name}.json`);
  return {
    workspace: workspace && fs.existsSync(workspace) ? workspace : null,
    global: fs.existsSync(global) ? global : null,
  };
}

/**
 * Resolves --agent NAME to {agent, file, warnings} or {fatal: {message, code}}.
 * A missing agent falls back to the default agent (older builds) or exits 4 (KIRO_SIM_AGENT_MISSING=exit4).
 */
export function resolveAgent(env, name) {
  const warnings = [];
  const {workspace, global} = candidates(env, name);
  if (workspace && global) warnings.push(`WARNING: Agent conflict for ${name}. Using workspace version.\n`);
  const file = workspace ?? global;
  if (!file) {
    if (env.KIRO_SIM_AGENT_MISSING === 'exit4') {
      return {fatal: {message: `Error: no agent with name ${name} found\n`, code: 4}};
    }
    warnings.push(`Error: no agent with name ${name} found. Falling back to user specified default\n`);
    return {agent: null, file: null, warnings};
  }
  const text = fs.readFileSync(file, 'utf8');
  try {
    return {agent: JSON.parse(text), file, warnings};
  } catch (e) {
    return {fatal: {message: `error: failed to parse agent config ${file}: ${e.message}\n`, code: 1}};
  }
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
