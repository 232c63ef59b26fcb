import {describe, expect, it} from 'vitest';
import {
  buildChatArgs,
  displayCommand,
  turnTrust,
  type ChatArgsInput,
} from '../../src/lib/engine/headless/build-args.js';
import type {Trust} from '../../src/lib/engine/turn.js';

const base: ChatArgsInput = {prompt: 'hi', promptViaStdin: false, trust: {tools: []}};

describe('buildChatArgs', () => {
  it.each<[string, Partial<ChatArgsInput>, string[]]>([
    // `--trust-tools=` would be read as a custom tool with an empty name and warned about on every run.
    ["passes no trust flag for kiro-cli's default trust", {}, ['--', 'hi']],
    ['trusts the listed tools', {trust: {tools: ['read', 'grep']}}, ['--trust-tools=read,grep', '--', 'hi']],
    ['trusts everything', {trust: {all: true}}, ['--trust-all-tools', '--', 'hi']],
    [
      'passes model, effort and agent before the prompt',
      {model: 'claude-sonnet-4.5', effort: 'high', agent: 'reviewer'},
      ['--model', 'claude-sonnet-4.5', '--effort', 'high', '--agent', 'reviewer', '--', 'hi'],
    ],
    ['resumes the latest session', {resume: true}, ['--resume', '--', 'hi']],
    [
      'prefers --resume-id over --resume',
      {resume: true, resumeId: '607a278f-0000-4000-8000-000000000000'},
      ['--resume-id', '607a278f-0000-4000-8000-000000000000', '--', 'hi'],
    ],
    ['keeps a dash prompt after --', {prompt: '--version'}, ['--', '--version']],
    ['leaves the prompt out when it goes through stdin', {promptViaStdin: true}, []],
  ])('%s', (_name, input, tail) => {
    expect(buildChatArgs({...base, ...input})).toEqual([
      'chat',
      '--no-interactive',
      '--wrap',
      'never',
      ...tail,
    ]);
  });

  it('puts the harness flag right after chat', () => {
    expect(buildChatArgs({...base, harnessArgs: ['--v3']}).slice(0, 4)).toEqual([
      'chat',
      '--no-interactive',
      '--v3',
      '--wrap',
    ]);
  });

  it('never passes -v', () => {
    expect(buildChatArgs({...base, trust: {all: true}, model: 'm'})).not.toContain('-v');
  });
});

describe('displayCommand', () => {
  it('replaces the prompt with a placeholder', () => {
    const args = buildChatArgs({...base, prompt: 'secret plan'});
    expect(displayCommand('kiro-cli', args, false)).toEqual([
      'kiro-cli',
      'chat',
      '--no-interactive',
      '--wrap',
      'never',
      '--',
      '<prompt>',
    ]);
  });

  it('keeps every argument when the prompt went through stdin', () => {
    const args = buildChatArgs({...base, promptViaStdin: true});
    expect(displayCommand('kiro-cli', args, true)).toEqual(['kiro-cli', ...args]);
  });
});

describe('turnTrust', () => {
  it.each<[string, Trust, string[] | undefined, Trust]>([
    ['keeps trust without allowed tools', {tools: ['read']}, undefined, {tools: ['read']}],
    ["adds the profile's allowed tools", {tools: ['read']}, ['shell', 'read'], {tools: ['read', 'shell']}],
    ['leaves globs to allowedTools', {tools: []}, ['@git/*', 'fs_?'], {tools: []}],
    ['keeps trust-all', {all: true}, ['shell'], {all: true}],
  ])('%s', (_name, trust, allowTools, expected) => {
    expect(turnTrust(trust, allowTools)).toEqual(expected);
  });
});
