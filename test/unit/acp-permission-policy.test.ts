import {describe, expect, it} from 'vitest';
import {
  chooseOption,
  decidePermission,
  trustCovers,
  type PermissionMode,
  type PolicyVerdict,
} from '../../src/lib/engine/acp/permission-policy.js';
import {identifyTool} from '../../src/lib/engine/acp/tool-names.js';
import type {Trust} from '../../src/lib/engine/turn.js';

describe('identifyTool', () => {
  const cases: Array<[string, Parameters<typeof identifyTool>[0], string]> = [
    ['V3 internal id', {toolId: 'execute_bash', kind: 'execute', title: 'ls'}, 'shell'],
    ['V3 read id', {toolId: 'fs_read', title: 'Read File'}, 'read'],
    ['V2 preview name', {previewName: 'shell', kind: 'execute', title: 'npm test'}, 'shell'],
    ['preview wins over kind', {previewName: 'web_search', kind: 'fetch'}, 'web_search'],
    ['read kind', {kind: 'read', title: 'Reading MARKER.txt:1'}, 'read'],
    ['edit kind', {kind: 'edit', title: 'Creating: a.txt'}, 'write'],
    ['execute kind', {kind: 'execute', title: 'make'}, 'shell'],
    ['fetch kind', {kind: 'fetch', title: 'https://x'}, 'web_fetch'],
    ['grep by V2 title', {kind: 'search', title: 'Searching for: TODO'}, 'grep'],
    ['glob by V2 title', {kind: 'search', title: 'Searching for files: *.ts'}, 'glob'],
    ['glob by V3 title', {kind: 'search', title: 'File Search'}, 'glob'],
    ['V3 subagent', {kind: 'other', title: 'Sub-agent: x', metaKind: 'agent-subtask'}, 'subagent'],
    ['other kind: the title', {kind: 'other', title: '@github/search'}, '@github/search'],
    ['nothing known', {}, 'unknown'],
  ];
  it.each(cases)('%s', (_name, clues, tool) => {
    expect(identifyTool(clues)).toBe(tool);
  });
});

describe('trustCovers', () => {
  const cases: Array<[Trust, string, boolean]> = [
    [{all: true}, 'shell', true],
    [{tools: ['shell']}, 'shell', true],
    [{tools: ['shell']}, 'execute_bash', true],
    [{tools: ['fs_read']}, 'read', true],
    [{tools: ['read']}, 'shell', false],
    [{tools: ['@github']}, '@github/search', true],
    [{tools: ['@github']}, '@gitlab/search', false],
    [{tools: ['@github/search']}, '@github/search', true],
    [{tools: ['@github/search']}, '@github/issues', false],
    [{tools: []}, 'read', false],
  ];
  it.each(cases)('%j covers %s: %s', (trust, tool, covered) => {
    expect(trustCovers(trust, tool)).toBe(covered);
  });
});

describe('decidePermission', () => {
  const cases: Array<[string, Trust, PermissionMode, boolean, PolicyVerdict]> = [
    ['trust all', {all: true}, 'fail', false, {decision: 'allow', by: 'trust-all', fail: false}],
    [
      'a trusted tool',
      {tools: ['shell']},
      'fail',
      false,
      {decision: 'allow', by: 'trust-tools', fail: false},
    ],
    ['deny mode', {tools: []}, 'deny', true, {decision: 'deny', by: 'policy', fail: false}],
    ['fail mode', {tools: ['read']}, 'fail', true, {decision: 'deny', by: 'policy', fail: true}],
    ['ask mode with a way to ask', {tools: []}, 'ask', true, {decision: 'ask'}],
    ['ask mode without one', {tools: []}, 'ask', false, {decision: 'deny', by: 'policy', fail: false}],
  ];
  it.each(cases)('%s', (_name, trust, mode, canAsk, verdict) => {
    expect(decidePermission('shell', trust, mode, canAsk)).toEqual(verdict);
  });
});

describe('chooseOption', () => {
  const v2 = [
    {optionId: 'allow_once', kind: 'allow_once'},
    {optionId: 'allow_always', kind: 'allow_always'},
    {optionId: 'reject_once', kind: 'reject_once'},
  ];
  const v3Shell = [
    {optionId: 'accept', kind: 'allow_once'},
    {optionId: 'reject', kind: 'reject_once'},
  ];
  it('never picks an "always" option when a one-time one exists, and reads kinds, not ids', () => {
    expect(chooseOption(v2, 'allow')).toBe('allow_once');
    expect(chooseOption(v2, 'deny')).toBe('reject_once');
    expect(chooseOption(v3Shell, 'allow')).toBe('accept');
    expect(chooseOption(v3Shell, 'deny')).toBe('reject');
    expect(chooseOption([{optionId: 'always', kind: 'allow_always'}], 'allow')).toBe('always');
    expect(chooseOption([{optionId: 'y', kind: 'allow_once'}], 'deny')).toBeNull();
  });
});
