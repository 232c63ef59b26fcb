// Figure 2: start-up time of the CLI itself.
import {BIN, median, repeat} from './lib.mjs';
import {runMeasured} from './measure.mjs';

export default {
  name: 'startup',
  title: '2. start-up',
  target: '<= 250 ms each',
  async run({quick}) {
    const runs = quick ? 5 : 11;
    const rows = [];
    for (const args of [['--version'], ['ask', '--help']]) {
      const times = await repeat(async () => (await runMeasured(process.execPath, [BIN, ...args])).wallMs, {
        runs,
        warmup: 2,
      });
      const ms = median(times);
      rows.push({command: `kiro-x ${args.join(' ')}`, ms, runs, met: ms <= 250});
    }
    return rows;
  },
  format: (r) =>
    `${r.command.padEnd(20)} ${r.ms.toFixed(0)} ms (median of ${r.runs}) ${r.met ? 'MET' : 'MISSED'}`,
};
