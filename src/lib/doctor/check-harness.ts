import {versionAtLeast} from '../engine/cli-version.js';
import {planHarness} from '../engine/harness.js';
import {fail, pass, skip, warn, type DoctorCheck} from './types.js';

const PIN_FIX = 'Pin it with --harness v2 or v3 (`harness` in .kirorc, KIRO_X_HARNESS).';

/**
 * Which harness headless turns will run, and whether it is pinned. kiro-cli 3.x picks one by itself (V2 headless,
 * with exceptions for scripts and CI), so an unpinned 3.x warns; a pin the version cannot honour fails.
 */
export const harnessCheck: DoctorCheck = {
  id: 'harness',
  title: 'kiro-cli harness',
  async run(context) {
    const version = (await context.cliVersion()).version?.version ?? null;
    const pinned = context.harness;
    if (version === null) {
      return skip(
        `Not checked: the kiro-cli version is unknown${pinned ? ` (--harness ${pinned} is set)` : ''}.`,
        'Fix the kiro-cli check first.',
      );
    }
    if (pinned !== undefined) {
      const plan = planHarness(pinned, version);
      if (!plan.ok) {
        return fail(
          `${plan.problem}.`,
          'Update kiro-cli (kiro-cli update), or unset --harness (`harness` in .kirorc, KIRO_X_HARNESS).',
        );
      }
      return pass(`${pinned.toUpperCase()}, pinned: ${plan.note}.`);
    }
    if (versionAtLeast(version, '3.0.0')) {
      return warn(
        `Not pinned: kiro-cli ${version} picks the harness itself (V2 headless, with exceptions for scripts and CI).`,
        PIN_FIX,
      );
    }
    if (versionAtLeast(version, '2.0.0')) {
      return pass(`V2, not pinned: kiro-cli ${version} runs V2 headless unless told otherwise.`);
    }
    return pass(`Not pinned: kiro-cli ${version} has no harness to choose.`);
  },
};
