import {describe, expect, test} from 'vitest';

import type {AcpHandshakeReport} from '../../src/lib/doctor/acp-handshake.js';
import {acpVerdict} from '../../src/lib/doctor/check-acp.js';

const AGENT = {protocolVersion: 1, name: 'Kiro CLI Agent', version: '2.21.2', loadSession: true};

const report = (fields: Partial<AcpHandshakeReport> = {}): AcpHandshakeReport => ({
  dialect: 'v2',
  command: ['kiro-cli', 'acp', '--agent-engine=v2'],
  agent: AGENT,
  failure: null,
  explanation: null,
  authFailed: false,
  exit: {exitCode: 0, signal: null},
  answeredMs: 120,
  ...fields,
});

const BY_HAND = 'Run `kiro-cli acp --agent-engine=v2` by hand to see what it prints.';
const KEY = {KIRO_API_KEY: 'ksk_TESTKEY_0123456789abcdef'};

describe('acpVerdict', () => {
  test('a full handshake passes and names protocol, agent, version, dialect and session/load', () => {
    expect(acpVerdict(report(), {})).toEqual({
      status: 'pass',
      message:
        'ACP protocol 1, Kiro CLI Agent 2.21.2, V2 dialect, session/load offered; a session opened in 120 ms, so kiro-cli found a credential (not proven until a real turn runs: --probe).',
      fix: null,
    });
  });

  test('an agent without loadSession warns: resume needs session/load', () => {
    expect(acpVerdict(report({dialect: 'v3', agent: {...AGENT, loadSession: false}}), {})).toEqual({
      status: 'warn',
      message:
        'ACP protocol 1, Kiro CLI Agent 2.21.2, V3 dialect: no session/load (loadSession is false), so --resume and --resume-id cannot work on --engine acp.',
      fix: 'Update kiro-cli (kiro-cli update), or resume with --engine headless.',
    });
  });

  test('another protocol version fails, and an agent without a name or version is still described', () => {
    const odd = {protocolVersion: 2, name: null, version: null, loadSession: true};
    expect(acpVerdict(report({agent: odd}), {})).toEqual({
      status: 'fail',
      message: 'an unnamed agent (no version) answered ACP protocol version 2; kiro-x speaks version 1.',
      fix: 'Update kiro-cli (kiro-cli update) and kiro-x, or use --engine headless.',
    });
  });

  test.each<[string, Partial<AcpHandshakeReport>, NodeJS.ProcessEnv, string, string, string]>([
    [
      'no login: exited before initialize',
      {
        agent: null,
        failure: {kind: 'exited', method: 'initialize'},
        explanation: 'error: You are not logged in, please log in with kiro-cli login',
        authFailed: true,
        exit: {exitCode: 1, signal: null},
      },
      {},
      'fail',
      'kiro-cli acp has no usable credential (exit 1): "error: You are not logged in, please log in with kiro-cli login".',
      'Set KIRO_API_KEY (a ksk_… key), or run `kiro-cli login` on this machine.',
    ],
    [
      'a refused key answered on session/new',
      {
        failure: {
          kind: 'error',
          method: 'session/new',
          code: -32603,
          text: 'Authentication failed. Your API key may be invalid or expired.',
        },
        exit: {exitCode: 0, signal: null},
      },
      KEY,
      'fail',
      'kiro-cli acp has no usable credential (exit 0): "Authentication failed. Your API key may be invalid or expired.".',
      'Create a new API key in the Kiro console and store it as KIRO_API_KEY: this one was refused.',
    ],
    [
      'initialize unanswered in time',
      {
        agent: null,
        failure: {kind: 'timeout', method: 'initialize', timeoutMs: 5000},
        exit: {exitCode: null, signal: 'SIGTERM'},
      },
      {},
      'fail',
      'kiro-cli acp did not answer initialize within 5000 ms.',
      'kiro-cli loads agents, MCP servers and its credential first: check the network, or raise --check-timeout on a slow machine.',
    ],
    [
      'session/new unanswered in time',
      {failure: {kind: 'timeout', method: 'session/new', timeoutMs: 4200}},
      {},
      'fail',
      'kiro-cli acp did not answer session/new within 4200 ms.',
      'kiro-cli loads agents, MCP servers and its credential first: check the network, or raise --check-timeout on a slow machine.',
    ],
    [
      'another error answer',
      {failure: {kind: 'error', method: 'session/new', code: -32602, text: 'missing field `cwd`'}},
      {},
      'fail',
      'kiro-cli acp answered session/new with error -32602: missing field `cwd`.',
      BY_HAND,
    ],
    [
      'exited by a signal with nothing on stderr',
      {
        agent: null,
        failure: {kind: 'exited', method: 'initialize'},
        exit: {exitCode: null, signal: 'SIGSEGV'},
      },
      {},
      'fail',
      'kiro-cli acp ended without answering initialize (SIGSEGV).',
      BY_HAND,
    ],
    [
      'not startable',
      {agent: null, failure: {kind: 'spawn', code: 'EACCES'}, exit: null},
      {},
      'fail',
      'kiro-cli acp could not be started (EACCES).',
      'Fix the kiro-cli check first.',
    ],
  ])('%s', (_name, fields, env, status, message, fix) => {
    expect(acpVerdict(report(fields), env)).toEqual({status, message, fix});
  });

  test('an interrupted run skips the check', () => {
    expect(acpVerdict(report({agent: null, failure: {kind: 'cancelled'}}), {})).toEqual({
      status: 'skip',
      message: 'Not checked: doctor was interrupted.',
      fix: null,
    });
  });
});
