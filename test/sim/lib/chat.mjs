// `kiro-cli chat`: argument checks, list/delete commands, then auth, agent, model, MCP and session before the turn.
import {missingMcpServers, resolveAgent} from './agents.mjs';
import {parseArgs, CHAT_SPECS} from './args.mjs';
import {noCredential, resolveCredential, unusableLogin} from './credentials.mjs';
import {parseDirectives} from './directives.mjs';
import {chooseHarness} from './harness.mjs';
import {CHAT_HELP} from './help.mjs';
import {err, exitWith, out, readStdin} from './io.mjs';
import {listModels, modelList, unknownModelError} from './models.mjs';
import {updateRecord} from './record.mjs';
import {backendWithoutCredential} from './login.mjs';
import {deleteSession, listSessions} from './session-commands.mjs';
import {harnessEngine, openSession} from './sessions.mjs';
import {resolveTrust, TRUST_ALL_BANNER} from './trust.mjs';
import {runTurn} from './turn.mjs';
import {atLeast} from './version.mjs';

/**
 * Since 2.4.2 `chat` runs in the kiro-cli-chat binary: its clap errors name that binary in the usage line and
 * exit 1, where the top-level parser (and older builds) exit 2.
 */
function chatUsage(version) {
  return atLeast(version, '2.4.2')
    ? {usage: 'kiro-cli-chat chat [OPTIONS] [INPUT]', code: 1}
    : {usage: 'kiro-cli chat [OPTIONS] [INPUT]', code: 2};
}

// -v logs go to stdout, as the real binary's do (that is why integrators must never pass it).
async function verboseLog(level, message) {
  if (level > 0) await out(`${new Date().toISOString()}  INFO chat_cli::cli::chat: ${message}\n`);
}

// The prompt: the positional, else all of piped stdin; an empty string means "no input".
async function readPrompt(positional) {
  if (positional !== undefined) return {prompt: positional, fromStdin: false};
  const data = await readStdin();
  return {prompt: data.toString('utf8'), fromStdin: data.length > 0};
}

// `--list-models` with a credential the backend refuses fails; with none, chat() already started a login or failed.
async function listModelsCommand(env, options) {
  const cred = resolveCredential(env);
  const unusable = unusableLogin(cred);
  if (unusable) {
    await err(unusable);
    return exitWith(1);
  }
  await listModels(env, options.format);
  return exitWith(0);
}

/** Runs `kiro-cli chat ARGS` to completion (or forever, for the hang cases). */
export async function chat(args, env, {version, startedAt, rootHarness}) {
  const {usage, code} = chatUsage(version);
  const parsed = parseArgs(args, CHAT_SPECS, {usage, version, maxPositionals: 1});
  if (parsed.error) {
    await err(parsed.error);
    return exitWith(code);
  }
  const options = parsed.options;
  if (options.help) {
    await out(CHAT_HELP);
    return exitWith(0);
  }
  const chosen = chooseHarness(options, rootHarness, {version, env, usage});
  if (chosen.error) {
    await err(chosen.error);
    return exitWith(code);
  }
  const harness = chosen.harness;
  updateRecord({harness, harnessPinned: chosen.pinned});
  const verbose = options.verbose ?? 0;
  await verboseLog(verbose, `kiro-cli ${version} starting chat`);
  const engine = harnessEngine(env, harness);
  const backendMode = options.listModels || options.listSessions || options.deleteSession !== undefined;
  const backendCred = backendMode ? resolveCredential(env) : null;
  if (backendCred && (backendCred.kind === 'none' || backendCred.expired === 'login')) {
    return backendWithoutCredential(version, options.noInteractive === true);
  }
  if (options.listModels) return listModelsCommand(env, options);
  if (options.listSessions) {
    await listSessions(env, options.format, engine);
    return exitWith(0);
  }
  if (options.deleteSession !== undefined) return exitWith(await deleteSession(env, options.deleteSession));
  if (!options.noInteractive) {
    await err('kiro-cli simulator: interactive chat is not simulated; pass --no-interactive\n');
    return exitWith(1);
  }

  const {prompt, fromStdin} = await readPrompt(parsed.positionals[0]);
  updateRecord({prompt, promptFromStdin: fromStdin});
  if (prompt === '') {
    await err('error: Input must be supplied when running in non-interactive mode\n');
    return exitWith(1);
  }
  const found = parseDirectives(env.KIRO_SIM_DIRECTIVES, prompt);
  if (found.unknown) {
    await err(`kiro-cli simulator: unknown directive [[sim:${found.unknown}]]\n`);
    return exitWith(64);
  }

  if (options.trustAll) await err(TRUST_ALL_BANNER);
  const cred = resolveCredential(env);
  if (cred.kind === 'none' || cred.expired === 'login') return noCredential(env);
  if (cred.kind === 'apiKey') {
    await err('Failed to retrieve MCP settings; MCP functionality disabled\n');
    if (!cred.valid) {
      await err('Authentication failed. Your API key may be invalid or expired.\n');
      return exitWith(0);
    }
  }
  const unusable = unusableLogin(cred);
  if (unusable) {
    await err(unusable);
    return exitWith(0);
  }

  // Every agent file is loaded on each start, so a broken one is reported whether or not --agent names it.
  const resolved = resolveAgent(env, options.agent, harness);
  if (options.agent !== undefined) updateRecord({agentName: options.agent});
  if (resolved.fatal) {
    await err(resolved.fatal.message);
    return exitWith(resolved.fatal.code);
  }
  for (const warning of resolved.warnings) await err(warning);
  const agent = resolved.agent;
  if (options.agent !== undefined) updateRecord({agentJson: agent, agentFile: resolved.file});
  const trust = resolveTrust(options, agent);
  for (const warning of trust.warnings) await err(warning);
  updateRecord({trustAll: trust.trustAll, trustedTools: trust.tools});

  const models = modelList(env);
  if (options.model !== undefined && !models.some((m) => m.model_id === options.model)) {
    await err(unknownModelError(options.model, models));
    return exitWith(1);
  }
  let model = options.model ?? models[0].model_id;
  if (agent && typeof agent.model === 'string' && options.model === undefined) {
    if (models.some((m) => m.model_id === agent.model)) model = agent.model;
    else
      await err(
        `WARNING: Agent specifies model '${agent.model}' which is not available. Falling back to configured defaults.\n`,
      );
  }
  updateRecord({model, effort: options.effort ?? null});

  // MCP is disabled under API-key auth, so servers are only checked for login credentials.
  if (cred.kind !== 'apiKey') {
    for (const {name, command} of missingMcpServers(agent, env)) {
      const problem = `MCP server '${name}' failed to start: command '${command}' not found\n`;
      if (options.requireMcpStartup) {
        await err(`error: ${problem}`);
        return exitWith(3);
      }
      await err(`WARNING: ${problem}`);
    }
  }

  const opened = openSession(env, {
    resume: options.resume === true,
    resumeId: options.resumeId,
    engine,
    version,
    model,
    agentName: agent && typeof agent.name === 'string' ? agent.name : (options.agent ?? 'kiro_default'),
  });
  if (opened.error) {
    await err(opened.error);
    return exitWith(1);
  }
  updateRecord({sessionId: opened.session.sessionId});
  await verboseLog(verbose, `sending prompt to model ${model}`);
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return runTurn({
    env,
    prompt,
    directives: found.directives,
    noColor,
    agent,
    trust,
    session: opened.session,
    startedAt,
    harness: engine,
  });
}
