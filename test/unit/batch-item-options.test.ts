import {describe, expect, it} from 'vitest';

import {askOptionsFromSettings} from '../../src/lib/ask/from-settings.js';
import {itemAskOptions, itemLayer, itemPromptHash} from '../../src/lib/batch/item-options.js';
import type {BatchItem} from '../../src/lib/batch/types.js';
import {DEFAULT_SETTINGS} from '../../src/lib/config/resolve.js';
import type {Settings} from '../../src/lib/config/settings.js';

const batch = {...DEFAULT_SETTINGS, cwd: '/work', model: 'batch-model', trustTools: ['grep']} as Settings;
const base = await askOptionsFromSettings({...batch, systemPrompt: 'from the batch', tools: ['read']}, '');
const item = (over: Partial<BatchItem> = {}): BatchItem => ({id: '1', prompt: 'hi', line: 1, ...over});

describe('an item over the batch settings', () => {
  it('takes the batch settings where the item says nothing, and runs as a batch turn', async () => {
    const options = await itemAskOptions(item(), batch, base);
    expect(options).toMatchObject({
      prompt: 'hi',
      cwd: '/work',
      model: 'batch-model',
      trust: {tools: ['grep']},
      timeoutMs: 1_800_000,
      resume: false,
      keepTranscript: true,
      skipCredentialCheck: true,
    });
    expect(options.resumeId).toBeUndefined();
  });

  it.each([
    [{trustAllTools: true}, {all: true}],
    [{trustAllTools: false}, {tools: []}],
    [{trustTools: ['shell']}, {tools: ['shell']}],
  ] as const)('trust %j replaces the batch trust as a unit', async (fields, trust) => {
    const over = {...batch, trustTools: undefined, trustAllTools: true} as unknown as Settings;
    await expect(itemAskOptions(item(fields as Partial<BatchItem>), over, base)).resolves.toMatchObject({
      trust,
    });
  });

  it('model, agent, cwd, timeout, system prompt and resume come from the item', async () => {
    const fields = {
      model: 'm',
      agent: 'a',
      cwd: '/elsewhere',
      timeoutMs: 5000,
      systemPrompt: 'be brief',
      resume: true,
    };
    const options = await itemAskOptions(item(fields), batch, base);
    expect(options).toMatchObject({model: 'm', agent: 'a', cwd: '/elsewhere', timeoutMs: 5000, resume: true});
    expect(options.profile).toMatchObject({systemPrompt: 'be brief', tools: ['read']});
    expect((await itemAskOptions(item(), batch, base)).profile).toBe(base.profile);
    expect(itemLayer(item(fields))).toEqual({
      model: 'm',
      agent: 'a',
      cwd: '/elsewhere',
      timeout: 5000,
      systemPrompt: 'be brief',
    });
  });

  it('the prompt hash changes with what shapes the turn, not with the cwd', async () => {
    const hash = async (over: Partial<BatchItem>) =>
      itemPromptHash(await itemAskOptions(item(over), batch, base));
    expect(await hash({cwd: '/elsewhere'})).toBe(await hash({}));
    expect(await hash({model: 'other'})).not.toBe(await hash({}));
    expect(await hash({trustAllTools: true})).not.toBe(await hash({}));
  });
});
