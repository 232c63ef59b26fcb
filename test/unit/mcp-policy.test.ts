import {describe, expect, it} from 'vitest';

import {
  checkCall,
  checkCwd,
  checkName,
  checkPrompt,
  checkTools,
  checkTrust,
  concurrencyRefusal,
  isInside,
  type CallRequest,
  type McpPolicy,
} from '../../src/mcp/policy.js';

const policy: McpPolicy = {
  allowedDirs: ['/srv/app', '/srv/lib'],
  defaultCwd: '/srv/app',
  trust: {tools: ['read', 'grep', 'shell']},
  allowModels: null,
  allowAgents: null,
  tools: null,
  noTools: false,
  maxConcurrent: 2,
  maxPromptBytes: 10,
};

// A file system of real paths: `/srv/app/out` is a symlink to /etc, `/srv/app/lib` one to /srv/lib.
const REAL: Record<string, string> = {
  '/srv/app': '/srv/app',
  '/srv/app/src': '/srv/app/src',
  '/srv/app/out': '/etc',
  '/srv/app/lib': '/srv/lib',
  '/srv/lib': '/srv/lib',
  '/srv': '/srv',
  '/srv/application': '/srv/application',
  '/etc': '/etc',
};
const realpath = (file: string): string | null => REAL[file] ?? null;

const call = (extra: Partial<CallRequest> = {}): CallRequest => ({prompt: 'hi', ...extra});

describe('isInside', () => {
  it.each([
    ['/srv/app', '/srv/app', true],
    ['/srv/app/src', '/srv/app', true],
    ['/srv/application', '/srv/app', false],
    ['/srv', '/srv/app', false],
    ['/srv/app/..foo', '/srv/app', true],
    ['/anything', '/', true],
  ])('%s inside %s: %s', (dir, parent, inside) => {
    expect(isInside(dir, parent)).toBe(inside);
  });
});

describe('checkCwd', () => {
  it.each([
    [undefined, '/srv/app'],
    ['src', '/srv/app/src'],
    ['/srv/lib', '/srv/lib'],
    ['lib', '/srv/lib'],
  ])('allows %s as %s', (cwd, real) => {
    expect(checkCwd(policy, cwd, realpath)).toEqual({ok: true, value: real});
  });

  it.each([
    ['..', 'the cwd /srv is outside the directories this server allows (/srv/app, /srv/lib).'],
    ['src/../..', 'the cwd /srv is outside the directories this server allows (/srv/app, /srv/lib).'],
    [
      '../application',
      'the cwd /srv/application is outside the directories this server allows (/srv/app, /srv/lib).',
    ],
    [
      'out',
      'the cwd /srv/app/out (really /etc) is outside the directories this server allows (/srv/app, /srv/lib).',
    ],
    ['missing', 'the cwd /srv/app/missing is not an existing directory.'],
  ])('refuses %s naming --allow-cwd', (cwd, detail) => {
    expect(checkCwd(policy, cwd, realpath)).toEqual({
      ok: false,
      refusal: {flag: '--allow-cwd', message: `Refused by --allow-cwd: ${detail}`},
    });
  });
});

describe('checkTrust', () => {
  const all: McpPolicy = {...policy, trust: {all: true}};

  it.each<[string, McpPolicy, Partial<CallRequest>, unknown]>([
    ['no trust asked: the server’s', policy, {}, {tools: ['read', 'grep', 'shell']}],
    ['a subset', policy, {trustTools: ['read']}, {tools: ['read']}],
    ['none at all', policy, {trustTools: []}, {tools: []}],
    ['trustAllTools false is no ask', policy, {trustAllTools: false}, {tools: ['read', 'grep', 'shell']}],
    ['any tools under trust-all', all, {trustTools: ['write']}, {tools: ['write']}],
    ['trust-all under trust-all', all, {trustAllTools: true}, {all: true}],
  ])('grants %s', (_name, server, asked, trust) => {
    expect(checkTrust(server, call(asked))).toEqual({ok: true, value: trust});
  });

  it.each<[string, Partial<CallRequest>, string, string]>([
    [
      'a tool the server does not trust',
      {trustTools: ['read', 'write', 'fs_write']},
      '--trust-tools',
      'trustTools names write, fs_write, which this server does not trust (it trusts: read, grep, shell).',
    ],
    [
      'trustAllTools',
      {trustAllTools: true},
      '--trust-all-tools',
      'trustAllTools asks for more trust than this server gives (it trusts: read, grep, shell).',
    ],
    [
      'both at once',
      {trustAllTools: true, trustTools: ['read']},
      '--trust-tools',
      'give trustTools or trustAllTools, not both.',
    ],
  ])('refuses %s', (_name, asked, flag, detail) => {
    expect(checkTrust(policy, call(asked))).toEqual({
      ok: false,
      refusal: {flag, message: `Refused by ${flag}: ${detail}`},
    });
  });
});

describe('checkName', () => {
  it('allows anything without a list, and what the list has', () => {
    expect(checkName(null, 'm1', 'model')).toEqual({ok: true, value: 'm1'});
    expect(checkName(['m1'], 'm1', 'model')).toEqual({ok: true, value: 'm1'});
    expect(checkName(['m1'], undefined, 'model')).toEqual({ok: true, value: undefined});
  });

  it('refuses a name not on the list, naming the flag', () => {
    expect(checkName(['reviewer'], 'admin', 'agent')).toEqual({
      ok: false,
      refusal: {
        flag: '--allow-agent',
        message: 'Refused by --allow-agent: the agent "admin" is not one this server allows (reviewer).',
      },
    });
  });
});

describe('checkTools', () => {
  it('takes any list when the server chose none, only fewer when it did', () => {
    expect(checkTools(policy, ['shell'])).toEqual({ok: true, value: ['shell']});
    expect(checkTools({...policy, tools: ['read', 'grep']}, ['read'])).toEqual({ok: true, value: ['read']});
    expect(checkTools({...policy, tools: ['*']}, ['write'])).toEqual({ok: true, value: ['write']});
    expect(checkTools({...policy, noTools: true}, [])).toEqual({ok: true, value: []});
  });

  it('refuses more tools than the server gives', () => {
    expect(checkTools({...policy, tools: ['read']}, ['read', 'shell'])).toMatchObject({
      ok: false,
      refusal: {flag: '--tools'},
    });
    expect(checkTools({...policy, noTools: true}, ['read'])).toMatchObject({
      ok: false,
      refusal: {flag: '--no-tools'},
    });
  });
});

describe('checkPrompt and concurrency', () => {
  it('counts UTF-8 bytes', () => {
    expect(checkPrompt(policy, '0123456789')).toEqual({ok: true, value: '0123456789'});
    expect(checkPrompt(policy, 'ééééé€')).toEqual({
      ok: false,
      refusal: {
        flag: '--max-prompt-bytes',
        message: 'Refused by --max-prompt-bytes: the prompt has 13 bytes; this server takes at most 10.',
      },
    });
  });

  it('names --max-concurrent', () => {
    expect(concurrencyRefusal(policy).message).toMatch(
      /^Refused by --max-concurrent: 2 turns already running, the most this server runs at once\./,
    );
  });
});

describe('checkCall', () => {
  it('grants a call everything it asked for within the limits', () => {
    const asked = call({cwd: 'src', trustTools: ['read'], model: 'm', agent: 'a', tools: ['read']});
    expect(checkCall(policy, asked, realpath)).toEqual({
      ok: true,
      value: {cwd: '/srv/app/src', trust: {tools: ['read']}, model: 'm', agent: 'a', tools: ['read']},
    });
  });

  it('refuses with the first limit a call breaks', () => {
    const asked = call({prompt: 'far too long a prompt', cwd: '..', trustAllTools: true});
    expect(checkCall(policy, asked, realpath)).toMatchObject({
      ok: false,
      refusal: {flag: '--max-prompt-bytes'},
    });
    expect(checkCall(policy, {...asked, prompt: 'ok'}, realpath)).toMatchObject({
      ok: false,
      refusal: {flag: '--allow-cwd'},
    });
  });
});
