import {versionAtLeast} from './cli-version.js';

/** The chat harnesses kiro-x can pin: V2 (the Rust engine of 2.x) and V3 (the Kiro Agent Server of 3.x). */
export const HARNESSES = ['v2', 'v3'] as const;
export type Harness = (typeof HARNESSES)[number];

/** The first kiro-cli with each harness flag: `--v3` came with 2.8.0 (early access), `--v2` with 3.0.0. */
export const HARNESS_FLAG_SINCE: Readonly<Record<Harness, string>> = {v3: '2.8.0', v2: '3.0.0'};

/** How a pinned harness reaches kiro-cli of a given version: the flags to pass, or why it cannot. */
export type HarnessPlan = {ok: true; args: string[]; note: string} | {ok: false; problem: string};

/**
 * The argv that pins `harness` on kiro-cli `version` (pure; tested with a table). A 2.x kiro-cli runs V2 unless
 * told otherwise (V3 was opt-in before 3.0), so pinning V2 there needs no flag; 3.0 picks by itself, hence `--v2`.
 */
export function planHarness(harness: Harness, version: string): HarnessPlan {
  const since = HARNESS_FLAG_SINCE[harness];
  if (versionAtLeast(version, since)) {
    return {ok: true, args: [`--${harness}`], note: `kiro-x passes --${harness}`};
  }
  if (harness === 'v2' && versionAtLeast(version, '2.0.0')) {
    return {
      ok: true,
      args: [],
      note: `kiro-cli ${version} runs V2 unless told otherwise, so no flag is needed`,
    };
  }
  const first = harness === 'v2' ? '2.0' : since.replace(/\.0$/, '');
  return {
    ok: false,
    problem: `--harness ${harness} needs kiro-cli ${first} or newer; this is kiro-cli ${version}`,
  };
}
