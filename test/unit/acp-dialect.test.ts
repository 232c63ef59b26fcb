import {describe, expect, it} from 'vitest';
import {
  buildAcpArgs,
  missingAgent,
  newSessionParams,
  sessionSetup,
  setModelRequest,
  type AcpArgsInput,
} from '../../src/lib/engine/acp/dialect.js';

describe('buildAcpArgs', () => {
  const cases: Array<[string, AcpArgsInput, string[]]> = [
    ['V2 bare', {dialect: 'v2', trust: {tools: []}}, ['acp']],
    [
      'V2 with everything, trust list as one argument',
      {
        dialect: 'v2',
        agent: 'rev',
        model: 'claude-haiku-4.5',
        effort: 'high',
        trust: {tools: ['read', 'shell']},
      },
      [
        'acp',
        '--agent',
        'rev',
        '--model',
        'claude-haiku-4.5',
        '--effort',
        'high',
        '--trust-tools=read,shell',
      ],
    ],
    ['V2 trust all wins over a list', {dialect: 'v2', trust: {all: true}}, ['acp', '--trust-all-tools']],
    ['V2 pinned', {dialect: 'v2', pinEngine: true, trust: {tools: []}}, ['acp', '--agent-engine=v2']],
    [
      'V3 takes nothing else on its argv',
      {dialect: 'v3', agent: 'rev', model: 'm', effort: 'low', trust: {all: true}, pinEngine: true},
      ['acp', '--agent-engine=v3', '--auth-method=cli'],
    ],
  ];
  it.each(cases)('%s', (_name, input, argv) => {
    expect(buildAcpArgs(input)).toEqual(argv);
  });
});

describe('session setup', () => {
  it('creates V2 sessions plainly and V3 ones with the agent as mode id', () => {
    expect(newSessionParams('v2', '/w', 'rev')).toEqual({cwd: '/w', mcpServers: []});
    expect(newSessionParams('v3', '/w', 'rev')).toEqual({
      cwd: '/w',
      mcpServers: [],
      _meta: {kiro: {modeId: 'rev'}},
    });
    expect(newSessionParams('v3', '/w')).toEqual({cwd: '/w', mcpServers: []});
  });

  it('sets V3 model, effort and autopilot off as config options; V2 needs nothing', () => {
    expect(sessionSetup('v2', 's', {model: 'm', effort: 'high'})).toEqual([]);
    expect(sessionSetup('v3', 'sess_1', {model: 'm', effort: 'high'})).toEqual([
      {method: 'session/set_config_option', params: {sessionId: 'sess_1', configId: 'model', value: 'm'}},
      {
        method: 'session/set_config_option',
        params: {sessionId: 'sess_1', configId: 'effortLevel', value: 'high'},
      },
      {
        method: 'session/set_config_option',
        params: {sessionId: 'sess_1', configId: 'autopilot', value: 'off'},
      },
    ]);
    expect(sessionSetup('v3', 'sess_1', {})).toEqual([
      {
        method: 'session/set_config_option',
        params: {sessionId: 'sess_1', configId: 'autopilot', value: 'off'},
      },
    ]);
  });

  it('switches models by set_model on V2 and by config option on V3', () => {
    expect(setModelRequest('v2', 's', 'm')).toEqual({
      method: 'session/set_model',
      params: {sessionId: 's', modelId: 'm'},
    });
    expect(setModelRequest('v3', 's', 'm')).toEqual({
      method: 'session/set_config_option',
      params: {sessionId: 's', configId: 'model', value: 'm'},
    });
  });

  it('tells a missing agent from the current mode session/new answered', () => {
    const answer = (currentModeId: string) => ({modes: {currentModeId, availableModes: []}});
    expect(missingAgent('rev', answer('kiro_default'))).toBe('rev');
    expect(missingAgent('rev', answer('rev'))).toBeNull();
    expect(missingAgent(undefined, answer('kiro_default'))).toBeNull();
    expect(missingAgent('rev', {})).toBeNull();
  });
});
