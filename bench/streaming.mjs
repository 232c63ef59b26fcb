// Figure 4: a 200 MB answer streamed through `kiro-x ask` in text and JSON mode: throughput and peak RSS.
import {BIN, median, repeat} from './lib.mjs';
import {runMeasured} from './measure.mjs';
import {simWorld} from './sim-env.mjs';

const MB = 1_000_000;

export default {
  name: 'streaming',
  title: '3. streaming a 200 MB transcript through ask',
  target: 'text peak RSS <= 100 MB; JSON <= 3 x output + 80 MB',
  async run({quick}) {
    const bytes = quick ? 50 * MB : 200 * MB;
    const {env, cwd} = simWorld();
    const rows = [];
    for (const mode of ['text', 'json']) {
      const runs = await repeat(
        // Executed as an installed `kiro-x` is (through its shebang), not as `node bin/run.js`.
        () => runMeasured(BIN, ['ask', `[[sim:big=${bytes}]]`, '-o', mode, '--timeout', '10m'], {env, cwd}),
        {runs: quick ? 1 : 5, warmup: quick ? 0 : 1},
      );
      const bad = runs.find((r) => r.code !== 0);
      if (bad) throw new Error(`kiro-x ask -o ${mode} exited ${bad.code}: ${bad.stderr.slice(-500)}`);
      const wallMs = median(runs.map((r) => r.wallMs));
      const peak = median(runs.map((r) => r.peakRssMb));
      const limit = mode === 'text' ? 100 : (3 * bytes) / MB + 80;
      rows.push({
        mode,
        outputMb: bytes / MB,
        mbPerS: bytes / MB / (wallMs / 1000),
        peakRssMb: peak,
        limitMb: limit,
        met: peak <= limit,
      });
    }
    return rows;
  },
  format: (r) =>
    `${r.mode.padEnd(5)} ${r.outputMb} MB: ${r.mbPerS.toFixed(1)} MB/s, peak RSS ${r.peakRssMb.toFixed(0)} MB (limit ${r.limitMb} MB) ${r.met ? 'MET' : 'MISSED'}`,
};
