import type {WhoamiResult} from '../engine/whoami.js';
import {maskKey} from '../redact.js';
import {detectCi} from './ci.js';
import {fail, pass, warn, type DoctorCheck} from './types.js';

const LOGIN_FIX = 'Set KIRO_API_KEY (a ksk_… key), or run `kiro-cli login` on this machine.';

/** Whether whoami found a credential a turn can use (an unrecognised answer is not held against it). */
export function credentialUsable(result: WhoamiResult): boolean {
  return !['not-logged-in', 'timed-out', 'cli-not-found'].includes(result.status);
}

/** `KIRO_API_KEY`: present and shaped like a key. Shown masked, never in full. */
export const apiKeyCheck: DoctorCheck = {
  id: 'api-key',
  title: 'KIRO_API_KEY',
  async run(context) {
    const key = context.env.KIRO_API_KEY;
    if (key === undefined || key === '') {
      const ci = detectCi(context.env);
      if (ci === null) return pass('KIRO_API_KEY is not set; kiro-cli uses its own login.');
      return warn(
        `KIRO_API_KEY is not set in ${ci}, where no browser login can happen.`,
        'Store the key as a CI secret and expose it as KIRO_API_KEY.',
      );
    }
    if (!key.startsWith('ksk_')) {
      return warn(
        `KIRO_API_KEY is set (${maskKey(key)}) but does not start with ksk_.`,
        'Copy the key again from the Kiro console; keys start with ksk_.',
      );
    }
    return pass(`KIRO_API_KEY is set (${maskKey(key)}).`);
  },
};

const DESCRIBE: Record<string, string> = {
  'api-key': 'API key',
  'builder-id': 'Builder ID login',
  'identity-center': 'IAM Identity Center login',
  social: 'Google/GitHub login',
};

/** whoami never proves a credential works: a rejected key, an expired login or no entitlement all pass it. */
const NOT_PROVEN = 'not proven until a real turn runs (--probe)';

/** A bounded `kiro-cli whoami`, classified. */
export const credentialCheck: DoctorCheck = {
  id: 'credential',
  title: 'kiro-cli credential (whoami)',
  async run(context) {
    const result = await context.credential();
    const said = result.detail ? ` (${result.detail})` : '';
    switch (result.status) {
      case 'api-key':
        return pass(`Authenticated: ${DESCRIBE[result.status]}; ${NOT_PROVEN}.`);
      case 'builder-id':
      case 'identity-center':
      case 'social':
        return pass(`Authenticated: ${DESCRIBE[result.status]}${said}; ${NOT_PROVEN}.`);
      case 'not-logged-in':
        return fail(`kiro-cli is not logged in${said}.`, LOGIN_FIX);
      case 'timed-out':
        return fail(
          `kiro-cli whoami gave no answer within ${context.checkTimeoutMs} ms.`,
          'Check the network and proxy settings; raise --check-timeout on a slow link.',
        );
      case 'cli-not-found':
        return fail(
          'kiro-cli could not be started, so no credential was checked.',
          'Fix the kiro-cli check first.',
        );
      default:
        return warn(
          `kiro-cli whoami answered in an unknown way (exit ${result.exitCode ?? 'none'})${said}.`,
          'Run `kiro-cli whoami` by hand and check the login.',
        );
    }
  },
};
