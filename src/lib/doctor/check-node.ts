import {versionAtLeast} from '../engine/cli-version.js';
import {fail, pass, type DoctorCheck} from './types.js';

export {versionAtLeast};

/** The oldest Node kiro-x supports (package.json `engines`). */
export const MIN_NODE = '20.5.0';

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
