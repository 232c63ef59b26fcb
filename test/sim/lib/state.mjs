// Cross-process attempt counting for `flaky=N`: one marker file per attempt, created with O_EXCL.
import {createHash} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {kiroHome} from './agents.mjs';

/** Returns this run's 1-based attempt number for the prompt; safe when many simulators run at once. */
export function nextAttempt(env, prompt) {
  const dir = path.join(env.KIRO_SIM_STATE_DIR || path.join(kiroHome(env), 'sim-state'), 'flaky');
  fs.mkdirSync(dir, {recursive: true});
  const key = createHash('sha256').update(prompt).digest('hex').slice(0, 32);
  for (let attempt = 1; ; attempt++) {
    try {
      fs.writeFileSync(path.join(dir, `${key}.${attempt}`), `${process.pid}\n`, {flag: 'wx'});
      return attempt;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
  }
}
