import {mkdirSync, mkdtempSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {describe, expect, it} from 'vitest';

import {AgentNotFoundError} from '../../src/lib/errors.js';
import {findAgent} from '../../src/lib/profile/find-agent.js';

describe('findAgent', () => {
  it('an agent path that cannot be read says why in words', async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'kiro-x-agent-'));
    const file = path.join(cwd, '.kiro', 'agents', 'reviewer.json');
    mkdirSync(file, {recursive: true});
    const found = findAgent('reviewer', cwd, {HOME: mkdtempSync(path.join(os.tmpdir(), 'kiro-x-home-'))});
    await expect(found).rejects.toBeInstanceOf(AgentNotFoundError);
    await expect(found).rejects.toThrow(`Agent "reviewer" at ${file} cannot be read: it is a directory.`);
  });
});
