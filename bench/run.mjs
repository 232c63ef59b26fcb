// The bench harness: each figure is a module in bench/ exporting {name, title, target, run, format}; add one
// by writing the module and listing it below. Results: a table on stdout, JSON in bench/results/.
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';

import askOverhead from './ask-overhead.mjs';
import batchEfficiency from './batch-efficiency.mjs';
import doctor from './doctor.mjs';
import firstEvent from './first-event.mjs';
import ledgerMemory from './ledger-memory.mjs';
import {ROOT} from './lib.mjs';
import startup from './startup.mjs';
import streaming from './streaming.mjs';

const FIGURES = [askOverhead, startup, batchEfficiency, streaming, ledgerMemory, doctor, firstEvent];

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const quick = process.argv.includes('--quick');
const results = {};
for (const figure of FIGURES) {
  if (wanted.length > 0 && !wanted.includes(figure.name)) continue;
  process.stdout.write(`\n${figure.title} (target ${figure.target})\n`);
  const rows = await figure.run({quick});
  for (const row of rows) process.stdout.write(`  ${figure.format(row)}\n`);
  results[figure.name] = {title: figure.title, target: figure.target, rows};
}
const dir = path.join(ROOT, 'bench', 'results');
mkdirSync(dir, {recursive: true});
const doc = {date: new Date().toISOString(), node: process.version, quick, results};
writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify(doc, null, 2)}\n`);
process.stdout.write(`\nwrote ${path.relative(process.cwd(), path.join(dir, 'latest.json'))}\n`);
