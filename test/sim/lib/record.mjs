// The KIRO_SIM_RECORD file: one JSON document per invocation, replaced atomically on every update.
import fs from 'node:fs';
import path from 'node:path';

let file;
let data;

// Linux exposes the process group in /proc/self/stat (field 5); elsewhere it is simply omitted.
function readPgid() {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pgid = Number(fields[2]);
    return Number.isInteger(pgid) ? pgid : undefined;
  } catch {
    return undefined;
  }
}

function save() {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

/** Starts the record when KIRO_SIM_RECORD is set; later updates are no-ops otherwise. */
export function startRecord(env, argv, startedAt) {
  const dir = env.KIRO_SIM_RECORD;
  if (!dir) return;
  fs.mkdirSync(dir, {recursive: true});
  file = path.join(dir, `${startedAt}-${process.pid}.json`);
  data = {
    argv,
    cwd: process.cwd(),
    prompt: null,
    promptFromStdin: false,
    env: {
      TERM: env.TERM ?? null,
      NO_COLOR: env.NO_COLOR ?? null,
      KIRO_API_KEY_set: env.KIRO_API_KEY !== undefined,
      KIRO_NO_AUTO_UPDATE: env.KIRO_NO_AUTO_UPDATE ?? null,
    },
    harness: null,
    harnessPinned: false,
    agentName: null,
    agentJson: null,
    trustAll: false,
    trustedTools: [],
    toolCalls: [],
    startedAt,
    endedAt: null,
    exitCode: null,
    pid: process.pid,
    grandchildPid: null,
  };
  const pgid = readPgid();
  if (pgid !== undefined) data.pgid = pgid;
  save();
}

/** Merges fields into the record and rewrites it. */
export function updateRecord(fields) {
  if (!data) return;
  Object.assign(data, fields);
  save();
}
