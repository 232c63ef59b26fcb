// Figure 1: start-up. A bare Node start is the scale (no CLI starts faster on the same machine); against it,
// `kiro-x --version` and what `kiro-x ask` costs on top of calling kiro-cli (the simulator) directly.
import {BIN, median, repeat} from './lib.mjs';
import {runMeasured} from './measure.mjs';
import {SIM, simWorld} from './sim-env.mjs';

/** The start-up budget: --version in this long at most, and ask adding at most this much to a turn. */
const VERSION_TARGET_MS = 120;
const ASK_OVERHEAD_TARGET_MS = 100;

export default {
  name: 'startup',
  title: '1. start-up: bare Node, kiro-x --version, ask over the simulator called directly (zero latency)',
  target: `--version <= ${VERSION_TARGET_MS} ms, ask overhead <= ${ASK_OVERHEAD_TARGET_MS} ms`,
  async run({quick}) {
    const {env, cwd} = simWorld();
    const prompt = 'List exactly three primary colors, one per line, no other text.';
    const wall = async (args) => (await runMeasured(process.execPath, args, {env, cwd})).wallMs;
    const runs = quick ? 5 : 11;
    // Interleaved, so every command sees the same machine noise.
    const rounds = await repeat(
      async () => ({
        node: await wall(['-e', '0']),
        version: await wall([BIN, '--version']),
        direct: await wall([SIM, 'chat', '--no-interactive', '--wrap', 'never', '--', prompt]),
        ask: await wall([BIN, 'ask', prompt]),
      }),
      {runs, warmup: 2},
    );
    const of = (key) => median(rounds.map((round) => round[key]));
    const baseline = of('node');
    const version = of('version');
    const overhead = median(rounds.map((round) => round.ask - round.direct));
    return [
      {command: 'node -e 0', kind: 'baseline', ms: baseline, runs},
      {
        command: 'kiro-x --version',
        kind: 'time',
        ms: version,
        ratio: version / baseline,
        targetMs: VERSION_TARGET_MS,
        met: version <= VERSION_TARGET_MS,
        runs,
      },
      {
        command: 'kiro-x ask',
        kind: 'overhead',
        ms: overhead,
        ratio: overhead / baseline,
        targetMs: ASK_OVERHEAD_TARGET_MS,
        met: overhead <= ASK_OVERHEAD_TARGET_MS,
        askMs: of('ask'),
        directMs: of('direct'),
        runs,
      },
    ];
  },
  format(row) {
    const median = `(median of ${row.runs})`;
    if (row.kind === 'baseline')
      return `${'node -e 0 (baseline)'.padEnd(22)} ${row.ms.toFixed(0)} ms ${median}`;
    const value = row.kind === 'overhead' ? `+${row.ms.toFixed(0)} ms` : `${row.ms.toFixed(0)} ms`;
    const label = row.kind === 'overhead' ? `${row.command} overhead` : row.command;
    const detail =
      row.kind === 'overhead'
        ? ` (ask ${row.askMs.toFixed(0)} ms, simulator directly ${row.directMs.toFixed(0)} ms)`
        : '';
    return `${label.padEnd(22)} ${value}, ×${row.ratio.toFixed(2)} the baseline, target <= ${row.targetMs} ms ${row.met ? 'MET' : 'MISSED'} ${median}${detail}`;
  },
};
