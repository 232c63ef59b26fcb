import type {AskOptions} from '../ask/options.js';
import {buildProfile, needsProfile} from './build-profile.js';
import {requireAgent} from './find-agent.js';
import {keepProfile, writeTempProfile, type TempProfile} from './temp-profile.js';

/** Write the temporary agent profile the options ask for (overlaying `--agent` when given), or return null. */
export async function prepareProfile(
  options: Pick<AskOptions, 'profile' | 'agent' | 'cwd' | 'harness' | 'keepProfile'>,
  env: NodeJS.ProcessEnv,
): Promise<TempProfile | null> {
  if (!options.profile || !needsProfile(options.profile)) return null;
  const flags = options.profile;
  const base = options.agent
    ? (await requireAgent(options.agent, options.cwd, env, options.harness)).json
    : undefined;
  const profile = await writeTempProfile(options.cwd, env, (name) => buildProfile(name, flags, base));
  if (options.keepProfile) keepProfile(profile);
  return profile;
}
