import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {makeWorld, records, runKiroX} from './harness.js';

const argvOf = (world: ReturnType<typeof makeWorld>): string[] =>
  (records(world).find((r) => (r.argv as string[])[0] === 'chat')?.argv as string[] | undefined) ?? [];

describe('ask reads configuration (flag > env > config > default)', () => {
  it.each([
    ['.kirorc', 'model: claude-haiku-4.5\ntrustTools: [read]\n'],
    ['.kirorc.json', '{"model": "claude-haiku-4.5", "trustTools": ["read"]}'],
    ['.kirorc.yaml', 'model: claude-haiku-4.5\ntrustTools:\n  - read\n'],
    ['.kirorc.yml', 'model: claude-haiku-4.5\ntrustTools: [read]\n'],
    ['.kirorc.cjs', 'module.exports = {model: "claude-haiku-4.5", trustTools: ["read"]};'],
    ['.kirorc.mjs', 'export default {model: "claude-haiku-4.5", trustTools: ["read"]};'],
    ['kiro-x.config.mjs', 'export default {model: "claude-haiku-4.5", trustTools: ["read"]};'],
    ['kiro-x.config.json', '{"model": "claude-haiku-4.5", "trustTools": ["read"]}'],
    ['package.json', '{"name": "app", "kiro-x": {"model": "claude-haiku-4.5", "trustTools": ["read"]}}'],
  ])('%s', async (file, content) => {
    const world = makeWorld();
    writeFileSync(path.join(world.workspace, file), content);
    const result = await runKiroX(['ask', 'hi'], {world});
    expect(result.code).toBe(0);
    expect(argvOf(world)).toEqual(
      expect.arrayContaining(['--model', 'claude-haiku-4.5', '--trust-tools=read']),
    );
  });

  it('env beats config, flags beat env, and a trust flag replaces the config trust as a whole', async () => {
    const world = makeWorld({KIRO_X_MODEL: 'claude-opus-4.5'});
    writeFileSync(
      path.join(world.workspace, '.kirorc.yaml'),
      'model: claude-haiku-4.5\ntrustAllTools: true\n',
    );
    await runKiroX(['ask', 'hi', '--trust-tools', 'grep'], {world});
    expect(argvOf(world)).toEqual(
      expect.arrayContaining(['--model', 'claude-opus-4.5', '--trust-tools=grep']),
    );
    expect(argvOf(world)).not.toContain('--trust-all-tools');
    const world2 = makeWorld({KIRO_X_MODEL: 'claude-opus-4.5'});
    await runKiroX(['ask', 'hi', '--model', 'claude-sonnet-4.5'], {world: world2});
    expect(argvOf(world2)).toEqual(expect.arrayContaining(['--model', 'claude-sonnet-4.5']));
  });

  it('an invalid config is a usage error naming the file and every bad key; nothing runs', async () => {
    const world = makeWorld();
    const file = path.join(world.workspace, '.kirorc.yaml');
    writeFileSync(file, 'trustTools: 3\ntimeut: 5m\n');
    const result = await runKiroX(['ask', 'hi', '--json'], {world});
    expect(result.code).toBe(2);
    const doc = JSON.parse(result.stdout) as {outcome: string; message: string};
    expect(doc.outcome).toBe('usage_error');
    expect(doc.message).toContain(`Invalid configuration in ${file}`);
    expect(doc.message).toContain('trustTools');
    expect(doc.message).toContain('timeut');
    expect(records(world)).toEqual([]);
  });

  it('a config with a syntax error names the file', async () => {
    const world = makeWorld();
    const file = path.join(world.workspace, '.kirorc.json');
    writeFileSync(file, '{"model": ');
    const result = await runKiroX(['ask', 'hi'], {world});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(file);
  });

  it('a bad KIRO_X_* value names the variable', async () => {
    const world = makeWorld({KIRO_X_TRUST_ALL_TOOLS: 'maybe'});
    const result = await runKiroX(['ask', 'hi'], {world});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('KIRO_X_TRUST_ALL_TOOLS');
  });

  it('--config points at one file and a missing one is an error', async () => {
    const world = makeWorld();
    writeFileSync(path.join(world.workspace, 'ci.yaml'), 'model: claude-opus-4.5\n');
    await runKiroX(['ask', 'hi', '--config', 'ci.yaml'], {world});
    expect(argvOf(world)).toEqual(expect.arrayContaining(['--model', 'claude-opus-4.5']));
    const missing = await runKiroX(['ask', 'hi', '--config', 'nope.yaml'], {world: makeWorld()});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.yaml');
  });

  it('a missing KIRO_X_CONFIG file is named as coming from the variable', async () => {
    const world = makeWorld({KIRO_X_CONFIG: 'gone.yaml'});
    const result = await runKiroX(['ask', 'hi'], {world});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `Configuration file not found: ${path.join(world.workspace, 'gone.yaml')} (from KIRO_X_CONFIG)`,
    );
  });

  it('--help works even with a broken config', async () => {
    const world = makeWorld();
    writeFileSync(path.join(world.workspace, '.kirorc.json'), '{broken');
    const result = await runKiroX(['ask', '--help'], {world});
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Run one kiro-cli turn');
  });
});
