import {detectCi} from './ci.js';
import {fail, pass, type DoctorCheck} from './types.js';

/** The config file (if any) and `KIRO_X_*` variables parse and validate; a broken one fails here, not doctor. */
export const configCheck: DoctorCheck = {
  id: 'config',
  title: 'kiro-x configuration',
  async run(context) {
    const config = context.config;
    if (!config.ok) {
      return fail(
        config.message,
        config.filepath === null
          ? 'Fix the value named above.'
          : `Fix ${config.filepath}, or name another file with --config / KIRO_X_CONFIG.`,
      );
    }
    if (config.filepath === null) return pass('No config file found; built-in defaults apply.');
    return pass(`Using ${config.filepath} (valid).`);
  },
};

/** Whether this is CI: plain output and no prompts follow from it, so it is reported as a fact. */
export const ciCheck: DoctorCheck = {
  id: 'ci',
  title: 'CI environment',
  async run(context) {
    const ci = detectCi(context.env);
    if (ci === null) return pass('Not running in CI.');
    return pass(`${ci} detected: plain output, no prompts (sessions delete needs --yes).`);
  },
};
