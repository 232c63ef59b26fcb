// The bench harness: each figure is a module in bench/ exporting {name, title, target, run, format}; add one
// by writing the module and listing it below. Results: a table on stdout, JSON in bench/results/latest.json,
// where a run of some figures (`node bench/run.mjs startup`) replaces only theirs, each dated.
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';

import batchAcpPool from './batch-acp-pool.mjs';
import batchEfficiency from './batch-efficiency.mjs';
import doctor from './doctor.mjs';
import firstEvent from './first-event.mjs';
import ledgerMemory from './ledger-memory.mjs';
import {ROOT} from './lib.mjs';
import startup from './startup.mjs';
import streaming from './streaming.mjs';

const FIGURES = [startup, batchEfficiency, streaming, ledgerMemory, doctor, firstEvent, batchAcpPool];

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const quick = process.argv.includes('--quick');
const results = {};
for (const figure of FIGURES) {
  if (wanted.length > 0 && !wanted.includes(figure.name)) continue;
  process.stdout.write(`\n${figure.title} (target ${figure.target})\n`);
  const rows = await figure.run({quick});
  for (const row of rows) process.stdout.write(`  ${figure.format(row)}\n`);
  const date = new Date().toISOString();
  results[figure.name] = {
    title: figure.title,
    target: figure.target,
    date,
    node: process.version,
    quick,
    rows,
  };
}
const file = path.join(ROOT, 'bench', 'results', 'latest.json');
mkdirSync(path.dirname(file), {recursive: true});
// Figures not run this time keep their last results (under today's title); a file from before per-figure
// dates lends them its own.
const earlier = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {results: {}};
const lastRun = ({name, title}) =>
  earlier.results[name] && {
    date: earlier.date,
    node: earlier.node,
    quick: earlier.quick,
    ...earlier.results[name],
    title,
  };
const merged = Object.fromEntries(
  FIGURES.map((figure) => [figure.name, results[figure.name] ?? lastRun(figure)]).filter(
    ([, result]) => result !== undefined,
  ),
);
writeFileSync(file, `${JSON.stringify({results: merged}, null, 2)}\n`);
process.stdout.write(`\nwrote ${path.relative(process.cwd(), file)}\n`);
