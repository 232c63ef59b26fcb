// Figure 6: how soon `kiro-x ask --output stream-json` says something, on each engine: ms from starting kiro-x
// to its first line on stdout and to the first message event, against a simulated turn of 2 s. Headless, the
// first line is the session event (written once the preflight is done and kiro-cli is being started), and a
// message line is complete only when the next line (or the end of the output) arrives, so the simulator's
// one-line answer comes at the end; ACP, the first lines are kiro-cli's own (after its handshake), and message
// chunks arrive as kiro-cli sends them.
import {spawn} from 'node:child_process';
import {BIN, median, repeat} from './lib.mjs';
import {simWorld} from './sim-env.mjs';

const TURN_MS = 2000;

/** One run: ms to the first line, to the first message line, and to the end; with the first line's type. */
function timeEvents(env, cwd, engine) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const since = () => Number(process.hrtime.bigint() - started) / 1e6;
    const child = spawn(
      process.execPath,
      [BIN, 'ask', `[[sim:sleep=${TURN_MS}]] hi`, '--output', 'stream-json', '--engine', engine],
      {
        env,
        cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let firstMs = null;
    let messageMs = null;
    let buffered = '';
    let firstType = null;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      const at = since();
      buffered += chunk;
      if (firstMs === null && buffered.includes('\n')) {
        firstMs = at;
        firstType = JSON.parse(buffered.slice(0, buffered.indexOf('\n'))).type;
      }
      if (messageMs === null && buffered.includes('"type":"message"')) messageMs = at;
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({code, firstMs, messageMs, firstType, wallMs: since(), stderr}));
  });
}

export default {
  name: 'first-event',
  title: '6. time to first event: ask --output stream-json (simulated 2 s turn)',
  target: 'first line <= 1 s',
  async run({quick}) {
    const {env, cwd} = simWorld();
    const runs = quick ? 5 : 11;
    const rows = [];
    for (const engine of ['headless', 'acp']) {
      const results = await repeat(() => timeEvents(env, cwd, engine), {runs, warmup: quick ? 1 : 2});
      const bad = results.find((r) => r.code !== 0 || r.firstMs === null);
      if (bad) throw new Error(`kiro-x ask -o stream-json exited ${bad.code}: ${bad.stderr.slice(-500)}`);
      const firstMs = median(results.map((r) => r.firstMs));
      rows.push({
        engine,
        firstType: results[0].firstType,
        firstMs,
        messageMs: median(results.map((r) => r.messageMs)),
        wallMs: median(results.map((r) => r.wallMs)),
        runs,
        met: firstMs <= 1000,
      });
    }
    return rows;
  },
  format: (r) =>
    `${r.engine ?? 'headless'}: first line (${r.firstType}) ${r.firstMs.toFixed(0)} ms, first message ${r.messageMs.toFixed(0)} ms, whole run ${r.wallMs.toFixed(0)} ms (median of ${r.runs}) ${r.met ? 'MET' : 'MISSED'}`,
};
