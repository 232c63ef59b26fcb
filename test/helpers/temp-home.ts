import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

import {afterEach, beforeEach, vi} from 'vitest';

/** A fresh directory per test, used as cwd, HOME and KIRO_HOME's parent, with no config file above it to find. */
export interface TempHome {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

/** Registers the hooks that give each test of the file its own TempHome. */
export function useTempHome(prefix: string): TempHome {
  const state = {cwd: '', env: {} as NodeJS.ProcessEnv};
  beforeEach(() => {
    state.cwd = mkdtempSync(path.join(tmpdir(), prefix));
    state.env = {HOME: state.cwd, KIRO_HOME: path.join(state.cwd, '.kiro'), PATH: ''};
    vi.stubEnv('XDG_CONFIG_HOME', state.cwd);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  return {
    get cwd() {
      return state.cwd;
    },
    get env() {
      return state.env;
    },
  };
}
