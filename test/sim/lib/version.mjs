// The simulated kiro-cli version and the first version that knows each late flag.
const DEFAULT_VERSION = '2.21.2';

/** Returns the simulated version string (KIRO_SIM_VERSION or 2.21.2). */
export function simVersion(env) {
  return env.KIRO_SIM_VERSION || DEFAULT_VERSION;
}

function parts(version) {
  return version.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
}

/** True when version is at least minimum (numeric dotted comparison). */
export function atLeast(version, minimum) {
  const a = parts(version);
  const b = parts(minimum);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}
