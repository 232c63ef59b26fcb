// The V2 (Rust engine) dialect of `kiro-cli acp`: agents as modes, `session/set_model`, `_kiro.dev/` extensions,
// UUID sessions in the V2 store (captures/acp-2.13.0-handshake.jsonl, acp-2.5.1-turn.jsonl).
import {loadAgents} from './agents.mjs';
import {modelList, unknownModelError} from './models.mjs';
import {V2Session} from './store-v2.mjs';
import {resolveTrust} from './trust.mjs';
import {Followed, INVALID_PARAMS, METHOD_NOT_FOUND, RpcError, notify} from './acp-wire.mjs';
import {adopt, requireFields, sessionOf, update} from './acp-session.mjs';
import {contextOf, metadata, v2TurnHooks} from './acp-v2-turn.mjs';

/** The modes every V2 session offers before the user's agents (descriptions as captured, shortened). */
const BUILTIN_MODES = [
  {id: 'kiro_default', name: 'kiro_default', description: 'The default agent for Kiro CLI'},
  {id: 'kiro_planner', name: 'kiro_planner', description: 'Planner'},
  {id: 'kiro_guide', name: 'kiro_guide', description: 'Guide'},
];

/** The V2 `initialize` result (acp-2.13.0-handshake.jsonl). */
export function v2Initialize(version) {
  return {
    protocolVersion: 1,
    agentCapabilities: {
      loadSession: true,
      promptCapabilities: {image: true, audio: false, embeddedContext: false},
      mcpCapabilities: {http: true, sse: false},
      sessionCapabilities: {},
      auth: {},
    },
    authMethods: [],
    agentInfo: {name: 'Kiro CLI Agent', title: 'Kiro CLI Agent', version},
  };
}

/** The V2 dialect: the session methods, plus the turn hooks of acp-v2-turn.mjs. */
export function v2Dialect(server) {
  const {env, startup} = server;
  const agents = () => loadAgents(env, 'v2').agents;
  const modes = (session) => ({
    currentModeId: session.agentName,
    availableModes: [
      ...BUILTIN_MODES,
      ...[...agents().values()].map((a) => ({
        id: a.name,
        name: a.name,
        description: a.json.description ?? '',
      })),
    ],
  });
  const models = (session) => ({
    currentModelId: session.model,
    availableModels: modelList(env).map((m) => ({
      modelId: m.model_id,
      name: m.model_name,
      description: m.description,
    })),
  });
  // What follows session/new and session/load: the command list, the missing-agent notice, the context metadata.
  const opened = (session) => async () => {
    await notify('_kiro.dev/commands/available', {sessionId: session.id, commands: []});
    if (startup.missingAgent) {
      await notify('_kiro.dev/agent/not_found', {
        requestedAgent: startup.missingAgent,
        fallbackAgent: 'kiro_default',
      });
    }
    await metadata(session, {contextUsagePercentage: contextOf(session)});
  };

  return {
    ...v2TurnHooks,
    /** A session this process owns over a V2 store entry (new when header is null), locked while it is open. */
    open(cwd, header) {
      const store = new V2Session(env, header, {cwd, agentName: startup.agentName, model: startup.model});
      store.begin();
      const model = header?.session_state?.rts_model_state?.model_info?.model_id ?? startup.model;
      const agentName = header ? (header.session_state?.agent_name ?? 'kiro_default') : startup.agentName;
      const agent = agents().get(agentName)?.json ?? (agentName === startup.agentName ? startup.agent : null);
      const trust = resolveTrust(startup.options, agent);
      const session = {id: store.id, cwd, store, agentName, agent, trust, model, effort: startup.effort};
      return adopt(server, {...session, alwaysAllowed: new Set(), turn: null, turns: 0});
    },
    loaded: (session) => new Followed({modes: modes(session), models: models(session)}, opened(session)),
    async newSession(params) {
      requireFields(params, ['cwd', 'mcpServers']);
      await notify('_kiro.dev/subagent/list_update', {subagents: [], pendingStages: []});
      const session = this.open(String(params.cwd), null);
      return new Followed(
        {sessionId: session.id, modes: modes(session), models: models(session)},
        opened(session),
      );
    },
    async setMode(params) {
      const session = sessionOf(server, params);
      const mode = modes(session).availableModes.find((m) => m.id === params.modeId);
      if (!mode) throw new RpcError(INVALID_PARAMS, `Agent '${params.modeId}' not found`);
      const previous = session.agentName;
      session.agentName = mode.id;
      session.agent = agents().get(mode.id)?.json ?? null;
      session.trust = resolveTrust(startup.options, session.agent);
      return new Followed({}, async () => {
        await update(session.id, {sessionUpdate: 'current_mode_update', currentModeId: mode.id});
        const switched = {
          agentName: mode.id,
          previousAgentName: previous,
          welcomeMessage: null,
          model: session.model,
        };
        await notify('_kiro.dev/agent/switched', switched);
      });
    },
    async setModel(params) {
      const session = sessionOf(server, params);
      const list = modelList(env);
      if (!list.some((m) => m.model_id === params.modelId)) {
        throw new RpcError(
          INVALID_PARAMS,
          unknownModelError(params.modelId, list)
            .replace(/^error: /, '')
            .trimEnd(),
        );
      }
      session.model = params.modelId;
      return {};
    },
    setConfigOption() {
      throw new RpcError(METHOD_NOT_FOUND);
    },
  };
}
