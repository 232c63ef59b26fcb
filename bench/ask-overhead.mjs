// Figure 1: what `kiro-x ask` costs on top of calling kiro-cli directly with the same prompt.
import {BIN, median, repeat} from './lib.mjs';
import {runMeasured} from './measure.mjs';
import {SIM, simWorld} from './sim-env.mjs';

export default {
  name: 'ask-overhead',
  title: '1. ask overhead vs. calling the simulator directly (zero latency)',
  target: 'median delta <= 150 ms',
  async run({quick}) {
    const {env, cwd} = simWorld();
    const prompt = 'List exactly three primary colors, one per line, no other text.';
    const direct = () =>
      runMeasured(process.execPath, [SIM, 'chat', '--no-interactive', '--wrap', 'never', '--', prompt], {
        env,
        cwd,
      });
    const wrapped = () => runMeasured(process.execPath, [BIN, 'ask', prompt], {env, cwd});
    const runs = quick ? 5 : 11;
    // Interleaved, so both sides see the same machine noise.
    const pairs = await repeat(async () => [await direct(), await wrapped()], {runs, warmup: 2});
    const directMs = median(pairs.map(([d]) => d.wallMs));
    const wrappedMs = median(pairs.map(([, w]) => w.wallMs));
    const delta = median(pairs.map(([d, w]) => w.wallMs - d.wallMs));
    return [{directMs, wrappedMs, deltaMs: delta, ratio: wrappedMs / directMs, runs, met: delta <= 150}];
  },
  format: (r) =>
    `kiro-cli direct ${r.directMs.toFixed(0)} ms, kiro-x ask ${r.wrappedMs.toFixed(0)} ms: delta ${r.deltaMs.toFixed(0)} ms, ratio ${r.ratio.toFixed(2)} (median of ${r.runs}) ${r.met ? 'MET' : 'MISSED'}`,
};
