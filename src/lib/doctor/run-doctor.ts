import {readCliVersion} from '../engine/cli-version.js';
import {whoami, type WhoamiResult} from '../engine/whoami.js';
import {locateCli} from './check-cli.js';
import {ACP_CHECKS, ALL_CHECKS, PROBE_CHECKS} from './checks.js';
import {
  CHECK_STATUSES,
  fail,
  type CheckResult,
  type CheckStatus,
  type CheckVerdict,
  type DoctorCheck,
  type DoctorContext,
  type DoctorResult,
  type LocatedCli,
} from './types.js';

/** Default bound on each check, in ms (kiro-cli's info commands can hang on the network). */
export const DEFAULT_CHECK_TIMEOUT_MS = 5000;

// Past its own kiro-cli bound a check still needs a moment to end that process and word its verdict; the
// runner's guard fires only after that, so it catches checks that hang in kiro-x itself.
const GUARD_SLACK_MS = 400;

/** Default bound on the `--probe` turn, in ms. */
export const DEFAULT_PROBE_TIMEOUT_MS = 30_000;

/** What `runDoctor` needs: the context without the parts the runner creates. */
export type DoctorOptions = Omit<
  DoctorContext,
  | 'signal'
  | 'credential'
  | 'cliVersion'
  | 'nodeVersion'
  | 'checkTimeoutMs'
  | 'probeTimeoutMs'
  | 'harness'
  | 'engine'
> & {
  harness?: DoctorContext['harness'];
  /** The engine to check for (default headless): `acp` adds the ACP handshake check. */
  engine?: DoctorContext['engine'] | undefined;
  /** Also run one real turn (`--probe`): the only end-to-end proof that the credential works. */
  probe?: boolean | undefined;
  probeTimeoutMs?: number | undefined;
  checkTimeoutMs?: number | undefined;
  nodeVersion?: string | undefined;
  strict?: boolean | undefined;
  /** Replace the check list (tests). */
  checks?: readonly DoctorCheck[] | undefined;
  /** Abort (e.g. on SIGINT) to end every check's kiro-cli at once. */
  signal?: AbortSignal | undefined;
};

async function bounded(check: DoctorCheck, context: DoctorContext, boundMs: number): Promise<CheckVerdict> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<CheckVerdict>((resolve) => {
    timer = setTimeout(
      () =>
        resolve(
          fail(`Did not finish within ${boundMs} ms.`, 'Raise --check-timeout, or run the check by hand.'),
        ),
      boundMs + GUARD_SLACK_MS,
    );
  });
  try {
    return await Promise.race([
      check
        .run(context)
        .catch((error: unknown) =>
          fail(`The check itself failed: ${(error as Error).message}`, 'Report this as a kiro-x bug.'),
        ),
      guard,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Run every check at once, each within its bound, and judge the whole: warnings fail only when strict. */
export async function runDoctor(options: DoctorOptions): Promise<DoctorResult> {
  const started = Date.now();
  const checkTimeoutMs = options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  options.signal?.addEventListener('abort', onAbort, {once: true});
  let credential: Promise<WhoamiResult> | undefined;
  let located: Promise<LocatedCli> | undefined;
  const locate = async (): Promise<LocatedCli> => {
    const where = await locateCli(options.cliPath, options.env);
    if (where === null) return {where, version: null};
    const version = await readCliVersion(where, options.cwd, options.env, checkTimeoutMs, controller.signal);
    return {where, version};
  };
  const context: DoctorContext = {
    cliPath: options.cliPath,
    cwd: options.cwd,
    env: options.env,
    agent: options.agent,
    model: options.model,
    harness: options.harness,
    engine: options.engine ?? 'headless',
    mcpConfig: options.mcpConfig,
    config: options.config,
    checkTimeoutMs,
    nodeVersion: options.nodeVersion ?? process.versions.node,
    signal: controller.signal,
    credential: () =>
      (credential ??= whoami(options.cliPath, options.cwd, options.env, checkTimeoutMs, controller.signal)),
    cliVersion: () => (located ??= locate()),
    probeTimeoutMs: options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS,
  };
  const checks = options.checks ?? [
    ...ALL_CHECKS,
    ...(context.engine === 'acp' ? ACP_CHECKS : []),
    ...(options.probe ? PROBE_CHECKS : []),
  ];
  let results: CheckResult[];
  try {
    results = await Promise.all(
      checks.map(async (check) => {
        const begun = Date.now();
        const verdict = await bounded(check, context, check.boundMs?.(context) ?? checkTimeoutMs);
        return {id: check.id, title: check.title, ...verdict, durationMs: Date.now() - begun};
      }),
    );
  } finally {
    // Whatever is still running (a check that lost the race) is ended with the run.
    controller.abort();
    options.signal?.removeEventListener('abort', onAbort);
  }
  const summary = Object.fromEntries(CHECK_STATUSES.map((s) => [s, 0])) as Record<CheckStatus, number>;
  for (const result of results) summary[result.status] += 1;
  const strict = options.strict ?? false;
  return {
    schemaVersion: 1,
    ok: summary.fail === 0 && (!strict || summary.warn === 0),
    strict,
    durationMs: Date.now() - started,
    summary,
    checks: results,
  };
}
