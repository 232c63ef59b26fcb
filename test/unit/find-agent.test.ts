import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {describe, expect, it} from 'vitest';

import {AgentNotFoundError} from '../../src/lib/errors.js';
import {requireAgent} from '../../src/lib/profile/find-agent.js';

describe('requireAgent', () => {
  it('an agent path that cannot be read says why in words', async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'kiro-x-agent-'));
    const file = path.join(cwd, '.kiro', 'agents', 'reviewer.json');
    mkdirSync(file, {recursive: true});
    const found = requireAgent('reviewer', cwd, {HOME: mkdtempSync(path.join(os.tmpdir(), 'kiro-x-home-'))});
    await expect(found).rejects.toBeInstanceOf(AgentNotFoundError);
    await expect(found).rejects.toMatchObject({
      message: `kiro-cli would reject the agent file ${file} and fall back to its default agent: cannot be read: it is a directory.`,
    });
  });
});

describe('requireAgent and encodings', () => {
  it('an agent file that is not UTF-8 is refused with the offset of the bad byte', async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'kiro-x-agent-'));
    const dir = path.join(cwd, '.kiro', 'agents');
    mkdirSync(dir, {recursive: true});
    const file = path.join(dir, 'reviewer.json');
    writeFileSync(
      file,
      Buffer.concat([Buffer.from('{"name": "reviewer", "prompt": "caf'), Buffer.from([0xe9, 0x22, 0x7d])]),
    );
    const found = requireAgent('reviewer', cwd, {HOME: mkdtempSync(path.join(os.tmpdir(), 'kiro-x-home-'))});
    await expect(found).rejects.toBeInstanceOf(AgentNotFoundError);
    await expect(found).rejects.toMatchObject({
      message: `kiro-cli would reject the agent file ${file} and fall back to its default agent: the file is not UTF-8 text: byte 0xE9 at byte offset 35 (line 1) is not valid UTF-8.`,
    });
  });
});
