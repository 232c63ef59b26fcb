// Which credential kiro-cli would find: KIRO_API_KEY first, then the login store (the sim's sim-login.json).
import fs from 'node:fs';
import path from 'node:path';
import {err, exitWith, hangForever, out} from './io.mjs';

/** Path of the simulated login store; like the real sqlite store it ignores KIRO_HOME. */
export function loginFile(env) {
  return path.join(env.HOME ?? '', '.local', 'share', 'kiro-cli', 'sim-login.json');
}

/** Resolves the credential: {kind:'apiKey', valid} | {kind:'builder-id'} | {kind:'idc', ...} | {kind:'none'}. */
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
  if (login?.method === 'builder-id') return {kind: 'builder-id'};
  if (login?.method === 'idc') {
    return {
      kind: 'idc',
      startUrl: String(login.startUrl ?? ''),
      region: login.region,
      profile: login.profile,
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

function whoamiDocument(cred) {
  if (cred.kind === 'apiKey') return {accountType: 'ApiKey'};
  if (cred.kind === 'builder-id') return {accountType: 'BuilderId', startUrl: null, region: 'us-east-1'};
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

function whoamiText(cred) {
  if (cred.kind === 'apiKey') return 'Authenticated with API key\n';
  if (cred.kind === 'builder-id') return 'Logged in with Builder ID\n';
  if (cred.kind === 'idc') {
    const profile = cred.profile ? `Profile: ${cred.profile}\n` : '';
    return `Logged in with IAM Identity Center (${cred.startUrl})\n${profile}`;
  }
  return 'Not logged in\n';
}

/** `kiro-cli whoami [--format]`: never validates the key (a bad key only shows on a real turn). */
export async function whoami(env, format) {
  if (env.KIRO_SIM_WHOAMI === 'hang') return hangForever();
  const cred = resolveCredential(env);
  const doc = whoamiDocument(cred);
  if (format === 'json') await out(`${JSON.stringify(doc)}\n`);
  else if (format === 'json-pretty') await out(`${JSON.stringify(doc, null, 2)}\n`);
  else await out(whoamiText(cred));
  return exitWith(cred.kind === 'none' ? 1 : 0);
}
