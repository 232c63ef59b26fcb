import {fail, pass, type DoctorCheck} from './types.js';

/** The oldest Node kiro-x supports (package.json `engines`). */
export const MIN_NODE = '20.5.0';

/** Numeric dotted comparison: is `version` at least `minimum`? Leading `v` and suffixes are ignored. */
export function versionAtLeast(version: string, minimum: string): boolean {
  const parts = (v: string): number[] => v.replace(/^v/, '').split(/[.-]/).slice(0, 3).map(Number);
  const a = parts(version);
  const b = parts(minimum);
  for (let i = 0; i < 3; i++) {
    const x = Number.isFinite(a[i]) ? (a[i] as number) : 0;
    const y = Number.isFinite(b[i]) ? (b[i] as number) : 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** Node itself: kiro-x relies on APIs of Node 20.5+. */
export const nodeCheck: DoctorCheck = {
  id: 'node',
  title: 'Node.js version',
  async run(context) {
    const version = context.nodeVersion.replace(/^v/, '');
    if (versionAtLeast(version, MIN_NODE)) return pass(`Node ${version} is supported (>= ${MIN_NODE}).`);
    return fail(`Node ${version} is older than ${MIN_NODE}.`, `Install Node ${MIN_NODE} or newer.`);
  },
};
