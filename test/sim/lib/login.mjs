// What the backend sub-modes (--list-models, --list-sessions, --delete-session) do without any credential.
import {DEVICE_CODE_BLOCK} from './credentials.mjs';
import {err, exitWith, hangForever, out} from './io.mjs';
import {atLeast} from './version.mjs';

const NOT_LOGGED_IN =
  'Not logged in. Set the KIRO_API_KEY environment variable or run `kiro-cli login` first.\n';

/** The 2.13+ browser login (wording unverified): it opens a browser and waits on a loopback port. */
export const BROWSER_LOGIN =
  'Opening the sign-in page in your browser. Waiting for the login callback on http://127.0.0.1:49153 ...\n';

/**
 * With --no-interactive: `Not logged in. …` on stderr, exit 1, at once. Without it a login starts and never
 * ends: before 2.13 the device-code block, from 2.13 on the browser line; both on stdout.
 */
export async function backendWithoutCredential(version, noInteractive) {
  if (noInteractive) {
    await err(NOT_LOGGED_IN);
    return exitWith(1);
  }
  await out(atLeast(version, '2.13') ? BROWSER_LOGIN : DEVICE_CODE_BLOCK);
  return hangForever();
}
