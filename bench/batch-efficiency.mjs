// Figure: batch efficiency, ideal wall time over measured wall time, 200 items at 200 ms per turn.
import {batchDir, median, repeat, runKiroX} from './lib.mjs';

const ITEMS = 200;
const LATENCY_MS = 200;

/** Efficiency at -j 1, 4, 16, 64; the process start-up of kiro-x itself (measured on an empty run) is not counted. */
export default {
  name: 'batch-efficiency',
  title: `2. batch efficiency: ${ITEMS} items, ${LATENCY_MS} ms simulated latency`,
  target: '≥ 90 % at -j 16',
  async run({quick}) {
    const {file, dir} = batchDir(ITEMS);
    const one = batchDir(1);
    const env = {KIRO_SIM_LATENCY_MS: String(LATENCY_MS)};
    const base = (args) => runKiroX(['batch', ...args], {cwd: dir, env});
    // kiro-x's own start-up (oclif, config): one item at 0 latency, subtracted so rows compare scheduling.
    const startup = median(
      await repeat(async () => (await runKiroX(['batch', one.file], {cwd: one.dir})).wallMs, {runs: 5}),
    );
    const rows = [];
    for (const j of [1, 4, 16, 64]) {
      // Every row is a median of five after a warm-up; -j 1 takes ~4 minutes that way, so --quick runs it once.
      const runs = quick ? 1 : 5;
      const walls = await repeat(
        async () => {
          const r = await base([file, '-j', String(j), '--results', `${dir}/ledger-${j}.jsonl`]);
          if (r.code !== 0) throw new Error(`kiro-x batch -j ${j} exited ${r.code}: ${r.stderr.slice(-500)}`);
          return r.wallMs;
        },
        {runs, warmup: quick ? 0 : 1},
      );
      const wall = median(walls);
      const ideal = Math.ceil(ITEMS / j) * LATENCY_MS;
      rows.push({
        concurrency: j,
        runs,
        wallMs: Math.round(wall),
        idealMs: ideal,
        startupMs: Math.round(startup),
        efficiency: Math.round((ideal / Math.max(ideal, wall - startup)) * 1000) / 10,
      });
    }
    return rows;
  },
  format: (row) =>
    `-j ${String(row.concurrency).padStart(2)}  wall ${row.wallMs} ms  ideal ${row.idealMs} ms  ` +
    `(start-up ${row.startupMs} ms excluded)  efficiency ${row.efficiency} %  [median of ${row.runs}]`,
};
