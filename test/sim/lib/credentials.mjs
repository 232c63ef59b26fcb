// Which credential kiro-cli would find: KIRO_API_KEY first, then the login store (the sim's sim-login.json).
import fs from 'node:fs';
import path from 'node:path';
import {err, exitWith, hangForever, out} from './io.mjs';
import {atLeast} from './version.mjs';

/** Path of the simulated login store; like the real sqlite store it ignores KIRO_HOME. */
export function loginFile(env) {
  return path.join(env.HOME ?? '', '.local', 'share', 'kiro-cli', 'sim-login.json');
}

const SOCIAL = {google: 'Google', github: 'GitHub'};

// Login states whoami cannot see: `expired` (true = turns say Authentication failed, "login" = turns act as if there
// were no credential) and `entitled: false` (an account without a Kiro subscription).
function loginState(login) {
  return {
    email: typeof login.email === 'string' ? login.email : null,
    expired: login.expired === 'login' ? 'login' : login.expired ? 'auth' : false,
    entitled: login.entitled !== false,
  };
}

/**
 * Resolves the credential: {kind:'apiKey', valid} | {kind:'builder-id'|'social'|'idc', …login state} |
 * {kind:'none'}.
 */
export function resolveCredential(env) {
  const key = env.KIRO_API_KEY;
  if (key !== undefined && key !== '') {
    return {
      kind: 'apiKey',
      valid: key.startsWith('ksk_') && !key.includes('invalid') && !key.includes('expired'),
    };
  }
  let login;
  try {
    login = JSON.parse(fs.readFileSync(loginFile(env), 'utf8'));
  } catch {
    return {kind: 'none'};
  }
  if (login?.method === 'builder-id') return {kind: 'builder-id', ...loginState(login)};
  if (login?.method === 'social' && SOCIAL[login.provider]) {
    return {kind: 'social', provider: SOCIAL[login.provider], ...loginState(login)};
  }
  if (login?.method === 'idc') {
    return {
      kind: 'idc',
      startUrl: String(login.startUrl ?? ''),
      region: login.region,
      profile: login.profile,
      ...loginState(login),
    };
  }
  return {kind: 'none'};
}

/** The older 2.x device-code login block printed on stdout before blocking. */
export const DEVICE_CODE_BLOCK =
  'Confirm the following code in the browser\nCode: ABCD-EFGH\n\n' +
  'Open this URL: https://view.awsapps.com/start/#/device?user_code=ABCD-EFGH\n\nLogging in...\n';

/** What chat does without any credential: block on a device code (default) or fail fast (KIRO_SIM_NO_CREDENTIAL=error). */
export async function noCredential(env) {
  if (env.KIRO_SIM_NO_CREDENTIAL === 'error') {
    await err('Not logged in. Set the KIRO_API_KEY environment variable or run `kiro-cli login` first.\n');
    return exitWith(1);
  }
  await out(DEVICE_CODE_BLOCK);
  return hangForever();
}

/**
 * What a turn (or a listing) meets with a login whoami calls fine: an expired login or an account without
 * entitlement fails with `Authentication failed.` (wording after the prefix unverified); null when usable.
 */
export function unusableLogin(cred) {
  if (cred.kind === 'apiKey' || cred.kind === 'none') return null;
  if (cred.expired === 'auth') return 'Authentication failed. Your login may be invalid or expired.\n';
  if (!cred.entitled) return 'Authentication failed. Your account may not have access to Kiro.\n';
  return null;
}

function withEmail(doc, cred) {
  return cred.email === null ? doc : {...doc, email: cred.email};
}

function whoamiDocument(cred) {
  if (cred.kind === 'apiKey') return {accountType: 'ApiKey'};
  if (cred.kind === 'builder-id') {
    return withEmail({accountType: 'BuilderId', startUrl: null, region: 'us-east-1'}, cred);
  }
  if (cred.kind === 'social') return {accountType: `Social${cred.provider}`, email: cred.email};
  if (cred.kind === 'idc') {
    return {
      accountType: 'IamIdentityCenter',
      startUrl: cred.startUrl,
      region: cred.region ?? null,
      profile: cred.profile ?? null,
    };
  }
  return {account: null};
}

// 2.21 moved the IAM Identity Center start URL to its own line.
function whoamiText(cred, version) {
  const email = cred.email ? `Email: ${cred.email}\n` : '';
  if (cred.kind === 'apiKey') return 'Authenticated with API key\n';
  if (cred.kind === 'builder-id') return `Logged in with Builder ID\n${email}`;
  if (cred.kind === 'social') return `Logged in with ${cred.provider}\n${email}`;
  if (cred.kind === 'idc') {
    const profile = cred.profile ? `Profile: ${cred.profile}\n` : '';
    const head = atLeast(version, '2.21')
      ? `Logged in with IAM Identity Center\n${cred.startUrl}\n`
      : `Logged in with IAM Identity Center (${cred.startUrl})\n`;
    return `${head}${email}${profile}`;
  }
  return 'Not logged in\n';
}

/** `kiro-cli whoami [--format]`: never validates the credential (a bad key or expired login shows on a turn). */
export async function whoami(env, format, version) {
  if (env.KIRO_SIM_WHOAMI === 'hang') return hangForever();
  const cred = resolveCredential(env);
  const doc = whoamiDocument(cred);
  if (format === 'json') await out(`${JSON.stringify(doc)}\n`);
  else if (format === 'json-pretty') await out(`${JSON.stringify(doc, null, 2)}\n`);
  else await out(whoamiText(cred, version));
  return exitWith(cred.kind === 'none' ? 1 : 0);
}
