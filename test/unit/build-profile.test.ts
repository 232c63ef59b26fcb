import {describe, expect, it} from 'vitest';
import {agentKeys} from '../../src/lib/profile/agent-fields.js';
import {buildProfile, needsProfile, resourceUri} from '../../src/lib/profile/build-profile.js';

describe('needsProfile', () => {
  it.each([
    [{}, false],
    [{systemPrompt: undefined}, false],
    [{tools: []}, true],
    [{systemPrompt: 'be brief'}, true],
    [{allowPaths: ['./src/**']}, true],
    [{noTools: false}, false],
    [{noTools: true}, true],
  ])('%j → %s', (flags, expected) => {
    expect(needsProfile(flags)).toBe(expected);
  });
});

describe('resourceUri', () => {
  it.each([
    ['README.md', 'file://README.md'],
    ['docs/**/*.md', 'file://docs/**/*.md'],
    ['file://already.md', 'file://already.md'],
    ['skill://x', 'skill://x'],
  ])('%s → %s', (glob, uri) => {
    expect(resourceUri(glob)).toBe(uri);
  });
});

describe('buildProfile', () => {
  it('maps every flag to its agent field', () => {
    expect(
      buildProfile('kiro-x-abc', {
        systemPrompt: 'Answer briefly.',
        tools: ['read', 'shell'],
        allowTools: ['read'],
        resources: ['README.md'],
        mcpServers: {git: {command: 'git-mcp'}},
        allowCommands: ['^npm test$'],
        denyCommands: ['rm'],
        allowPaths: ['./src/**'],
      }),
    ).toEqual({
      name: 'kiro-x-abc',
      description: 'kiro-x temporary profile',
      prompt: 'Answer briefly.',
      tools: ['read', 'shell'],
      allowedTools: ['read'],
      resources: ['file://README.md'],
      mcpServers: {git: {command: 'git-mcp'}},
      toolsSettings: {
        shell: {allowedCommands: ['^npm test$'], deniedCommands: ['rm']},
        write: {allowedPaths: ['./src/**']},
      },
    });
  });

  it('overlays flags on a base agent: restrictions replace, context adds up', () => {
    const base = {
      name: 'reviewer',
      prompt: 'You review code.',
      model: 'claude-sonnet-4.5',
      tools: ['*'],
      allowedTools: ['read', 'grep'],
      resources: ['file://CONTRIBUTING.md'],
      mcpServers: {github: {command: 'gh-mcp'}},
      toolsSettings: {
        shell: {allowedCommands: ['^git '], deniedCommands: ['push']},
        write: {allowedPaths: ['a']},
      },
      hooks: {stop: [{command: 'echo done'}]},
    };
    expect(
      buildProfile(
        'kiro-x-1',
        {tools: ['read'], resources: ['docs/*.md'], allowCommands: ['^npm test$']},
        base,
      ),
    ).toEqual({
      ...base,
      name: 'kiro-x-1',
      description: 'kiro-x temporary profile based on agent "reviewer"',
      tools: ['read'],
      resources: ['file://CONTRIBUTING.md', 'file://docs/*.md'],
      toolsSettings: {
        shell: {allowedCommands: ['^npm test$'], deniedCommands: ['push']},
        write: {allowedPaths: ['a']},
      },
    });
  });

  it("gives a profile without base or --tools the default agent's tools, and a base keeps its own", () => {
    expect(buildProfile('kiro-x-3', {systemPrompt: 'p'})).toEqual({
      name: 'kiro-x-3',
      description: 'kiro-x temporary profile',
      prompt: 'p',
      tools: ['*'],
    });
    expect(buildProfile('kiro-x-4', {systemPrompt: 'p'}, {name: 'b', tools: ['read']}).tools).toEqual([
      'read',
    ]);
    expect(buildProfile('kiro-x-5', {systemPrompt: 'p'}, {name: 'b'})).not.toHaveProperty('tools');
  });

  it('--no-tools empties tools and allowedTools, whatever the base had', () => {
    expect(
      buildProfile('kiro-x-6', {noTools: true}, {name: 'b', tools: ['*'], allowedTools: ['shell']}),
    ).toEqual({
      name: 'kiro-x-6',
      description: 'kiro-x temporary profile based on agent "b"',
      tools: [],
      allowedTools: [],
    });
  });

  it('only ever writes keys kiro-cli 2.x accepts', () => {
    const profile = buildProfile('kiro-x-7', {
      systemPrompt: 'p',
      allowTools: ['read'],
      resources: ['a'],
      mcpServers: {m: {command: 'x'}},
      allowCommands: ['a'],
      denyCommands: ['b'],
      allowPaths: ['c'],
    });
    expect(Object.keys(profile).filter((key) => !agentKeys(undefined).includes(key))).toEqual([]);
  });

  it('does not change the base agent object', () => {
    const base = {name: 'b', toolsSettings: {shell: {allowedCommands: ['x']}}};
    buildProfile('kiro-x-2', {allowCommands: ['y']}, base);
    expect(base).toEqual({name: 'b', toolsSettings: {shell: {allowedCommands: ['x']}}});
  });
});
