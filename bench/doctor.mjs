// Figure 6: a whole `kiro-x doctor` run against a responsive kiro-cli (the simulator).
import {BIN, median, repeat} from './lib.mjs';
import {runMeasured} from './measure.mjs';
import {simWorld} from './sim-env.mjs';

export default {
  name: 'doctor',
  title: '5. doctor with a responsive kiro-cli',
  target: '< 2000 ms',
  async run({quick}) {
    const {env, cwd} = simWorld();
    const runs = quick ? 3 : 7;
    const times = await repeat(
      async () => {
        const r = await runMeasured(process.execPath, [BIN, 'doctor', '--model', 'claude-sonnet-4.5'], {
          env,
          cwd,
        });
        if (r.code !== 0) throw new Error(`kiro-x doctor exited ${r.code}: ${r.stderr.slice(-300)}`);
        return r.wallMs;
      },
      {runs, warmup: 1},
    );
    const ms = median(times);
    return [{ms, runs, met: ms < 2000}];
  },
  format: (r) => `kiro-x doctor ${r.ms.toFixed(0)} ms (median of ${r.runs}) ${r.met ? 'MET' : 'MISSED'}`,
};
