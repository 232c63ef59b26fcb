import {existsSync, mkdirSync, mkdtempSync, symlinkSync, utimesSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {removeStaleProfiles} from '../../src/lib/profile/stale-profiles.js';

const HOUR = 3_600_000;

function agentsDir(): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'kiro-x-stale-')), 'agents');
  mkdirSync(dir);
  return dir;
}

function file(dir: string, name: string, ageMs: number): string {
  const full = path.join(dir, name);
  writeFileSync(full, '{}');
  const when = (Date.now() - ageMs) / 1000;
  utimesSync(full, when, when);
  return full;
}

describe('removeStaleProfiles', () => {
  it('removes only generated profiles older than the bound', () => {
    const dir = agentsDir();
    const old = file(dir, 'kiro-x-0123456789ab.json', 2 * HOUR);
    const fresh = file(dir, 'kiro-x-ba9876543210.json', 60_000);
    const mine = file(dir, 'reviewer.json', 5 * HOUR);
    const lookalike = file(dir, 'kiro-x-notours.json', 5 * HOUR);
    expect(removeStaleProfiles(dir, HOUR)).toEqual([old]);
    expect([old, fresh, mine, lookalike].map(existsSync)).toEqual([false, true, true, true]);
  });

  it('does nothing for a missing directory or a symlinked one', () => {
    expect(removeStaleProfiles('/nonexistent/agents', 0)).toEqual([]);
    const real = agentsDir();
    const victim = file(real, 'kiro-x-0123456789ab.json', 2 * HOUR);
    const link = path.join(path.dirname(real), 'link');
    symlinkSync(real, link);
    expect(removeStaleProfiles(link, HOUR)).toEqual([]);
    expect(existsSync(victim)).toBe(true);
  });
});
