import {describe, expect, it} from 'vitest';
import {buildChatArgs, displayCommand, type ChatArgsInput} from '../../src/lib/engine/build-args.js';

const base: ChatArgsInput = {prompt: 'hi', promptViaStdin: false, trust: {tools: []}};

describe('buildChatArgs', () => {
  it.each<[string, Partial<ChatArgsInput>, string[]]>([
    ['trusts nothing by default', {}, ['--trust-tools=', '--', 'hi']],
    ['trusts the listed tools', {trust: {tools: ['read', 'grep']}}, ['--trust-tools=read,grep', '--', 'hi']],
    ['trusts everything', {trust: {all: true}}, ['--trust-all-tools', '--', 'hi']],
    [
      'passes model, effort and agent before the prompt',
      {model: 'claude-sonnet-4.5', effort: 'high', agent: 'reviewer'},
      [
        '--model',
        'claude-sonnet-4.5',
        '--effort',
        'high',
        '--trust-tools=',
        '--agent',
        'reviewer',
        '--',
        'hi',
      ],
    ],
    ['resumes the latest session', {resume: true}, ['--trust-tools=', '--resume', '--', 'hi']],
    [
      'prefers --resume-id over --resume',
      {resume: true, resumeId: '607a278f-0000-4000-8000-000000000000'},
      ['--trust-tools=', '--resume-id', '607a278f-0000-4000-8000-000000000000', '--', 'hi'],
    ],
    ['keeps a dash prompt after --', {prompt: '--version'}, ['--trust-tools=', '--', '--version']],
    ['leaves the prompt out when it goes through stdin', {promptViaStdin: true}, ['--trust-tools=']],
  ])('%s', (_name, input, tail) => {
    expect(buildChatArgs({...base, ...input})).toEqual([
      'chat',
      '--no-interactive',
      '--wrap',
      'never',
      ...tail,
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
      '--trust-tools=',
      '--',
      '<prompt>',
    ]);
  });

  it('keeps every argument when the prompt went through stdin', () => {
    const args = buildChatArgs({...base, promptViaStdin: true});
    expect(displayCommand('kiro-cli', args, true)).toEqual(['kiro-cli', ...args]);
  });
});
