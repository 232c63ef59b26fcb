// Turns the account refuses: a usage limit (V2 and V3 wordings) and an IAM Identity Center login without a profile.
import {err, exitWith, out} from './io.mjs';

/** The reset date the simulated usage limit names (MM/DD, as kiro-cli prints it). */
export const LIMIT_RESET = '10/01';

// The V3 error body; the namespace before `#` is not known (unverified), the type and reason are.
const V3_LIMIT_BODY =
  '{"__type":"com.amazon.kiro#ServiceQuotaExceededException","reason":"MONTHLY_REQUEST_COUNT"}';

/** The usage-limit texts of a harness: what V2 prints on stderr, what V3 prints on stdout and stderr. */
export const USAGE_LIMIT_TEXT = {
  v2: `Monthly request limit reached\nThe limits reset on ${LIMIT_RESET}.\n`,
  v3: {
    out: "You've reached your monthly usage limit.\n",
    err: `[ERROR] [KRS] HTTP 400 body=${V3_LIMIT_BODY}\n`,
  },
};

/**
 * `usage-limit`: V2 prints two stderr lines and exits 0 with no trailer; V3 exits 1 with a line on stdout
 * and the backend's error body on stderr. `harness` is `v2` or `v3`.
 */
export async function usageLimit(harness) {
  if (harness === 'v3') {
    await out(USAGE_LIMIT_TEXT.v3.out);
    await err(USAGE_LIMIT_TEXT.v3.err);
    return exitWith(1);
  }
  await err(USAGE_LIMIT_TEXT.v2);
  return exitWith(0);
}

/**
 * `KIRO_SIM_PROFILE_ARN=missing`: an IAM Identity Center subscription that was never provisioned. whoami
 * still says logged in; every turn fails with the backend's report (kiro-cli 2.x wording; exit code unverified).
 */
export async function missingProfileArn() {
  const cause = 'profileArn is required but no profiles are available. Please log in and select a profile.';
  await err(
    'Kiro is having trouble responding right now: \n' +
      `   0: Failed to send the request: An unknown error occurred: ${cause}\n` +
      `   1: An unknown error occurred: ${cause}\n\n` +
      'Location:\n   crates/chat-cli/src/cli/chat/mod.rs:1647\n\n' +
      'Backtrace omitted. Run with RUST_BACKTRACE=1 environment variable to display it.\n' +
      'Run with RUST_BACKTRACE=full to include source snippets.\n',
  );
  return exitWith(1);
}
