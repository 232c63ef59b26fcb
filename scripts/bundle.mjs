// Bundles dist/ with esbuild, for start-up time: Node 20 has no compile cache, so a command that imports a few
// hundred small files (oclif, its dependencies, ours) pays for each one on every run. Each entry below is one file
// in dist/ at the path package.json names; code they share lives in dist/chunks/, and every dynamic import() is a
// chunk of its own, so a run loads only what it reaches. Type declarations come from tsc (see `npm run build`).
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import {build} from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** `./dist/lib/index.js` → `src/lib/index.ts`: the source of a file package.json names in dist/. */
function sourceOf(distPath) {
  return path.join('src', path.relative('dist', distPath)).replace(/\.js$/, '.ts');
}

/** An entry point that keeps its source's place: src/commands/batch/index.ts → dist/commands/batch/index.js. */
function entry(source) {
  return {in: source, out: path.relative('src', source).replace(/\.ts$/, '')};
}

/** Every module under a source folder (oclif loads each command file by its path). */
function entriesUnder(folder) {
  return readdirSync(path.join(ROOT, folder), {recursive: true})
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => entry(path.join(folder, file)));
}

const hooks = Object.values(pkg.oclif.hooks ?? {}).flat();

/** The runner bin/run.js starts: oclif's, from the same bundle as the commands, so they share one @oclif/core. */
const RUNTIME = 'kiro-x:oclif-runtime';
const runtimePlugin = {
  name: 'oclif-runtime',
  setup(builder) {
    builder.onResolve({filter: /^kiro-x:oclif-runtime$/}, ({path: id}) => ({path: id, namespace: 'kiro-x'}));
    builder.onLoad({filter: /.*/, namespace: 'kiro-x'}, () => ({
      contents: "export {execute} from '@oclif/core';",
      resolveDir: ROOT,
    }));
  },
};

await build({
  absWorkingDir: ROOT,
  entryPoints: [
    ...entriesUnder(sourceOf(pkg.oclif.commands)),
    ...hooks.map((hook) => entry(sourceOf(hook))),
    entry(sourceOf(pkg.exports['.'].import)),
    // `ask` without oclif (bin/run.js tries it first): its flags parsed from oclif.manifest.json.
    entry('src/cli/fast-ask.ts'),
    {in: RUNTIME, out: 'oclif'},
  ],
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  plugins: [runtimePlugin],
  // oclif looks for TypeScript only to run a plugin's sources in development; kiro-x ships compiled code.
  external: ['typescript'],
  // On every start oclif loads semver to check Node against oclif's own engines range, not kiro-x's (npm checks
  // those on install); the variable is oclif's documented switch for it, set here for the bundled copy only.
  define: {'process.env.OCLIF_DISABLE_ENGINE_WARNING': '"1"'},
  // Bundled CommonJS (oclif and most of its dependencies) calls require() for Node's built-in modules.
  banner: {
    js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
