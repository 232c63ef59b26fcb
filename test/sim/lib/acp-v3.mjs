// The V3 (Kiro Agent Server) dialect of `kiro-cli acp --agent-engine=v3`: `sess_` ids in the V3 store, the agent
// through `_meta.kiro.modeId`, model / effortLevel / autopilot as config options (`session/set_config_option`).
import {loadAgents, resolveAgent} from './agents.mjs';
import {err} from './io.mjs';
import {modelList} from './models.mjs';
import {V3Session} from './store-v3.mjs';
import {Followed, INVALID_PARAMS, METHOD_NOT_FOUND, RpcError} from './acp-wire.mjs';
import {adopt, requireFields, sessionOf, update} from './acp-session.mjs';
import {contextOf, info, v3TurnHooks} from './acp-v3-turn.mjs';

const EFFORTS = ['low', 'medium', 'high', 'xhigh', 'max'];

/** The V3 `initialize` result (beyond the 2.7.1 wire audit's capability notes, unverified). */
export function v3Initialize(version) {
  return {
    protocolVersion: 1,
    agentCapabilities: {
      loadSession: true,
      promptCapabilities: {image: true, audio: false, embeddedContext: true},
      mcpCapabilities: {http: true, sse: true},
      sessionCapabilities: {list: {}},
    },
    authMethods: [],
    agentInfo: {name: 'Kiro CLI Agent', title: 'Kiro CLI Agent', version},
  };
}

const select = (id, name, currentValue, options) => ({id, name, type: 'select', currentValue, options});

/** The V3 dialect: the session methods, plus the turn hooks of acp-v3-turn.mjs. */
export function v3Dialect(server) {
  const {env} = server;
  const modes = (session) => ({
    currentModeId: session.agentName,
    availableModes: [
      {id: 'kiro_default', name: 'kiro_default', description: 'The default agent'},
      ...[...loadAgents(env, 'v3').agents.values()].map((a) => ({
        id: a.name,
        name: a.name,
        description: a.json.description ?? '',
      })),
    ],
  });
  const configOptions = (session) => [
    select(
      'model',
      'Model',
      session.model,
      modelList(env).map((m) => ({value: m.model_id, name: m.model_name, description: m.description})),
    ),
    select(
      'effortLevel',
      'Effort',
      session.effort,
      EFFORTS.map((e) => ({value: e, name: e})),
    ),
    select('autopilot', 'Autopilot', session.autopilot, [
      {value: 'on', name: 'Autopilot', description: 'Execute tools without confirmation'},
      {value: 'off', name: 'Supervised', description: 'Ask before file changes'},
    ]),
  ];
  const opened = (session) => () =>
    info(session, {kind: 'context_usage', usagePercentage: contextOf(session)});

  // The agent a mode id names; an unknown one falls back to kiro_default with V3's stderr line.
  async function agentFor(modeId) {
    if (modeId === undefined || modeId === 'kiro_default') return {agentName: 'kiro_default', agent: null};
    const resolved = resolveAgent(env, modeId, 'v3');
    for (const warning of resolved.warnings) await err(warning);
    return resolved.agent
      ? {agentName: modeId, agent: resolved.agent}
      : {agentName: 'kiro_default', agent: null};
  }

  return {
    ...v3TurnHooks(server),
    /** A session this process owns over a V3 store entry (new when existing is null); V3 takes no lock. */
    async open(cwd, existing, modeId) {
      const chosen = await agentFor(existing ? existing.meta.agentMode : modeId);
      const model = existing?.meta.modelId ?? modelList(env)[0].model_id;
      const store = new V3Session(env, existing, {cwd, agentName: chosen.agentName, model});
      const session = {id: store.id, cwd, store, ...chosen, model, effort: 'medium', autopilot: 'on'};
      const state = {trust: {trustAll: false, tools: []}, alwaysAllowed: new Set(), turn: null, turns: 0};
      return adopt(server, {...session, ...state});
    },
    loaded: (session) =>
      new Followed({modes: modes(session), configOptions: configOptions(session)}, opened(session)),
    async newSession(params) {
      requireFields(params, ['cwd', 'mcpServers']);
      const session = await this.open(String(params.cwd), null, params._meta?.kiro?.modeId);
      const result = {sessionId: session.id, modes: modes(session), configOptions: configOptions(session)};
      return new Followed(result, opened(session));
    },
    async setMode(params) {
      const session = sessionOf(server, params);
      if (!modes(session).availableModes.some((m) => m.id === params.modeId)) {
        throw new RpcError(INVALID_PARAMS, `Mode '${params.modeId}' not found`);
      }
      Object.assign(session, await agentFor(params.modeId));
      const current = {sessionUpdate: 'current_mode_update', currentModeId: session.agentName};
      return new Followed({}, () => update(session.id, current));
    },
    setModel() {
      throw new RpcError(METHOD_NOT_FOUND);
    },
    /** Sets one option and answers the rebuilt list; autopilot coerces any value but `on` to `off` (as 2.7.1 did). */
    async setConfigOption(params) {
      const session = sessionOf(server, params);
      const value =
        typeof params.value === 'object' && params.value !== null ? params.value.value : params.value;
      if (params.configId === 'autopilot') session.autopilot = value === 'on' ? 'on' : 'off';
      else if (params.configId === 'model' && modelList(env).some((m) => m.model_id === value))
        session.model = value;
      else if (params.configId === 'effortLevel' && EFFORTS.includes(value)) session.effort = value;
      else
        throw new RpcError(INVALID_PARAMS, `Invalid value '${value}' for config option '${params.configId}'`);
      return {configOptions: configOptions(session)};
    },
  };
}
