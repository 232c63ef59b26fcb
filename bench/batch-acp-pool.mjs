// Figure: an ACP batch reuses its kiro-cli processes. 100 items of 200 ms at -j 4, against a simulated kiro-cli
// start-up of 1 s (KIRO_SIM_STARTUP_MS, paid by every `chat` and every `acp` process): headless pays it per
// item, ACP once per process.
import {batchDir, median, repeat, runKiroX} from './lib.mjs';
import {SIM, simWorld} from './sim-env.mjs';

const ITEMS = 100;
const LATENCY_MS = 200;
const STARTUP_MS = 1000;
const CONCURRENCY = 4;

/** Wall time of the batch on each engine, the ACP speed-up, and each engine's efficiency as figure 2 counts it. */
export default {
  name: 'batch-acp-pool',
  title: `7. batch on ACP: ${ITEMS} items × ${LATENCY_MS} ms, kiro-cli start-up ${STARTUP_MS} ms, -j ${CONCURRENCY}`,
  target: 'ACP ≥ 3× faster than headless',
  async run({quick}) {
    const {env: world} = simWorld();
    // The session-id lookup is left out on both engines: it adds kiro-cli listings to headless turns only.
    const env = {...world, KIRO_X_CLI_PATH: SIM, KIRO_X_NO_SESSION_ID: '1'};
    const {file, dir} = batchDir(ITEMS);
    const one = batchDir(1);
    // kiro-x's own start-up (oclif, config): one instant item, subtracted as figure 2 does.
    const startup = median(
      await repeat(async () => (await runKiroX(['batch', one.file], {cwd: one.dir, env})).wallMs, {runs: 3}),
    );
    const timed = {...env, KIRO_SIM_LATENCY_MS: String(LATENCY_MS), KIRO_SIM_STARTUP_MS: String(STARTUP_MS)};
    const ideal = Math.ceil(ITEMS / CONCURRENCY) * LATENCY_MS;
    const rows = [];
    for (const engine of ['headless', 'acp']) {
      const runs = quick ? 1 : 3;
      const walls = await repeat(
        async () => {
          const args = ['batch', file, '-j', String(CONCURRENCY), '--engine', engine];
          const r = await runKiroX([...args, '--results', `${dir}/ledger-${engine}.jsonl`], {
            cwd: dir,
            env: timed,
          });
          if (r.code !== 0)
            throw new Error(`kiro-x batch --engine ${engine} exited ${r.code}: ${r.stderr.slice(-500)}`);
          return r.wallMs;
        },
        {runs, warmup: 0},
      );
      const wall = median(walls);
      rows.push({
        engine,
        runs,
        wallMs: Math.round(wall),
        idealMs: ideal,
        startupMs: Math.round(startup),
        efficiency: Math.round((ideal / Math.max(ideal, wall - startup)) * 1000) / 10,
      });
    }
    const [headless, acp] = rows;
    acp.speedup = Math.round((headless.wallMs / acp.wallMs) * 10) / 10;
    return rows;
  },
  format: (row) =>
    `${row.engine.padEnd(8)}  wall ${row.wallMs} ms  ideal ${row.idealMs} ms  ` +
    `(kiro-x start-up ${row.startupMs} ms excluded)  efficiency ${row.efficiency} %` +
    (row.speedup === undefined ? '' : `  speed-up ${row.speedup}×`) +
    `  [median of ${row.runs}]`,
};
