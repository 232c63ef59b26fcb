import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

import {afterEach, beforeAll, beforeEach, describe, expect, it, vi} from 'vitest';

import {CONFIG_SEARCH_PLACES, loadConfig, tryLoadConfig} from '../../src/lib/config/index.js';
import {UsageError} from '../../src/lib/errors.js';

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'kiro-x-config-'));
}

function write(dir: string, name: string, content: string): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), {recursive: true});
  writeFileSync(file, content);
  return file;
}

async function loadError(promise: Promise<unknown>): Promise<UsageError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UsageError);
  return error as UsageError;
}

beforeEach(() => {
  // An empty user config directory, so a real ~/.config/kiro-x on this machine cannot leak in.
  vi.stubEnv('XDG_CONFIG_HOME', tempDir());
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('config file formats', () => {
  const contents: Record<string, string> = {
    'package.json': JSON.stringify({name: 'fixture', 'kiro-x': {model: 'm-package'}}),
    '.kirorc': 'model: m-rc\n',
    '.kirorc.json': '{"model": "m-json"}',
    '.kirorc.yaml': 'model: m-yaml\n',
    '.kirorc.yml': 'model: m-yml\n',
    '.kirorc.js': "module.exports = {model: 'm-js'};\n",
    '.kirorc.cjs': "module.exports = {model: 'm-cjs'};\n",
    '.kirorc.mjs': "export default {model: 'm-mjs'};\n",
    'kiro-x.config.js': "module.exports = {model: 'm-config-js'};\n",
    'kiro-x.config.cjs': "module.exports = {model: 'm-config-cjs'};\n",
    'kiro-x.config.mjs': "export default {model: 'm-config-mjs'};\n",
    'kiro-x.config.json': '{"model": "m-config-json"}',
    'kiro-x.config.yaml': 'model: m-config-yaml\n',
  };

  it('searches exactly these places, in this order', () => {
    expect(CONFIG_SEARCH_PLACES).toEqual(Object.keys(contents));
  });

  it.each(Object.entries(contents))('finds and loads %s', async (name, content) => {
    const dir = tempDir();
    const file = write(dir, name, content);
    const expected = (/m-[a-z-]+/.exec(content) ?? [''])[0];
    await expect(loadConfig({cwd: dir, stopDir: dir})).resolves.toEqual({
      config: {model: expected},
      filepath: file,
    });
  });

  it('reads JSON from .kirorc, which has no extension', async () => {
    const dir = tempDir();
    const file = write(dir, '.kirorc', '{"model": "m", "trustTools": ["read"]}');
    await expect(loadConfig({cwd: dir, stopDir: dir})).resolves.toEqual({
      config: {model: 'm', trustTools: ['read']},
      filepath: file,
    });
  });

  it('takes the first search place when several exist', async () => {
    const dir = tempDir();
    write(dir, '.kirorc.yaml', 'model: yaml\n');
    const file = write(dir, '.kirorc.json', '{"model": "json"}');
    write(dir, 'kiro-x.config.json', '{"model": "config"}');
    await expect(loadConfig({cwd: dir, stopDir: dir})).resolves.toEqual({
      config: {model: 'json'},
      filepath: file,
    });
  });

  it('skips a package.json without a "kiro-x" key', async () => {
    const dir = tempDir();
    write(dir, 'package.json', '{"name": "fixture"}');
    const file = write(dir, '.kirorc.yml', 'model: yml\n');
    await expect(loadConfig({cwd: dir, stopDir: dir})).resolves.toEqual({
      config: {model: 'yml'},
      filepath: file,
    });
  });

  it('treats an empty or comments-only file as an empty config that still ends the search', async () => {
    const root = tempDir();
    write(root, '.kirorc.json', '{"model": "parent"}');
    const child = path.join(root, 'child');
    const file = write(child, '.kirorc.yaml', '# nothing yet\n');
    await expect(loadConfig({cwd: child, stopDir: root})).resolves.toEqual({config: {}, filepath: file});
    const empty = write(child, '.kirorc', '');
    await expect(loadConfig({cwd: child, stopDir: root})).resolves.toEqual({config: {}, filepath: empty});
  });
});

describe('config search', () => {
  it('walks up from the start directory and takes the nearest file', async () => {
    const root = tempDir();
    write(root, '.kirorc.yaml', 'model: root\n');
    const middle = path.join(root, 'a');
    const nearest = write(middle, '.kirorc.json', '{"model": "middle"}');
    const deep = path.join(middle, 'b', 'c');
    mkdirSync(deep, {recursive: true});
    await expect(loadConfig({cwd: deep, stopDir: root})).resolves.toEqual({
      config: {model: 'middle'},
      filepath: nearest,
    });
  });

  it('does not look above the stop directory', async () => {
    const root = tempDir();
    write(root, '.kirorc.yaml', 'model: root\n');
    const inner = path.join(root, 'inner');
    mkdirSync(inner);
    await expect(loadConfig({cwd: inner, stopDir: inner})).resolves.toEqual({config: {}, filepath: null});
  });

  it.skipIf(process.platform !== 'linux')('falls back to $XDG_CONFIG_HOME/kiro-x/config.yaml', async () => {
    const xdg = tempDir();
    vi.stubEnv('XDG_CONFIG_HOME', xdg);
    const file = write(xdg, 'kiro-x/config.yaml', 'model: user\n');
    const dir = tempDir();
    await expect(loadConfig({cwd: dir, stopDir: dir})).resolves.toEqual({
      config: {model: 'user'},
      filepath: file,
    });
  });

  it('loads only the explicit file, relative to cwd, even when a nearer one exists', async () => {
    const dir = tempDir();
    write(dir, '.kirorc.yaml', 'model: searched\n');
    const file = write(dir, 'conf/team.yml', 'model: explicit\n');
    const expected = {config: {model: 'explicit'}, filepath: file};
    await expect(loadConfig({cwd: dir, configPath: 'conf/team.yml'})).resolves.toEqual(expected);
    await expect(loadConfig({cwd: dir, env: {KIRO_X_CONFIG: file}})).resolves.toEqual(expected);
  });

  it('prefers configPath over KIRO_X_CONFIG', async () => {
    const dir = tempDir();
    const flag = write(dir, 'flag.json', '{"model": "flag"}');
    write(dir, 'env.json', '{"model": "env"}');
    await expect(loadConfig({cwd: dir, configPath: flag, env: {KIRO_X_CONFIG: 'env.json'}})).resolves.toEqual(
      {
        config: {model: 'flag'},
        filepath: flag,
      },
    );
  });

  it.each([
    [{configPath: 'missing.yaml'}, '--config'],
    [{env: {KIRO_X_CONFIG: 'missing.yaml'}}, 'KIRO_X_CONFIG'],
  ])('reports a missing explicit file (%j)', async (options, origin) => {
    const dir = tempDir();
    const error = await loadError(loadConfig({cwd: dir, ...options}));
    expect(error.message).toBe(
      `Configuration file not found: ${path.join(dir, 'missing.yaml')} (from ${origin})`,
    );
  });

  it('reports an explicit path that is a directory', async () => {
    const dir = tempDir();
    const error = await loadError(loadConfig({cwd: dir, configPath: '.'}));
    expect(error.message).toBe(`Configuration file is a directory: ${dir} (from --config)`);
  });
});

describe('malformed config files', () => {
  it.each<[string, string, RegExp]>([
    [
      '.kirorc.json',
      '{\n  "model": "m",\n}\n',
      /^JSON syntax error: .+ in JSON at position 18 \(line 3,? column 1\)$/,
    ],
    ['package.json', '{"name": "x",', /^JSON syntax error: .+ in JSON at position 13/],
  ])('%s gives a UsageError naming the file and the parser message', async (name, content, detail) => {
    const dir = tempDir();
    const file = write(dir, name, content);
    const error = await loadError(loadConfig({cwd: dir, stopDir: dir}));
    const prefix = `Cannot read configuration file ${file}: `;
    expect(error.message.startsWith(prefix)).toBe(true);
    expect(error.message.slice(prefix.length)).toMatch(detail);
  });

  it.each([
    [
      '.kirorc.yaml',
      'model: a: b\n',
      'Nested mappings are not allowed in compact mappings at line 1, column 8:\n\nmodel: a: b\n       ^',
    ],
    [
      '.kirorc',
      'model: m\nmodel: n\n',
      'Map keys must be unique at line 2, column 1:\n\nmodel: m\nmodel: n\n^',
    ],
    ['kiro-x.config.yaml', 'trustTools: [read\n', 'at line 2, column 1:'],
  ])('%s gives a UsageError with the YAML line and column', async (name, content, detail) => {
    const dir = tempDir();
    const file = write(dir, name, content);
    const error = await loadError(loadConfig({cwd: dir, stopDir: dir}));
    expect(error.message).toContain(`Cannot read configuration file ${file}: YAML syntax error: `);
    expect(error.message).toContain(detail);
  });

  it('tryLoadConfig returns the error instead of throwing', async () => {
    const dir = tempDir();
    const file = write(dir, '.kirorc.json', '{');
    const result = await tryLoadConfig({cwd: dir, stopDir: dir});
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toBeInstanceOf(UsageError);
    expect(!result.ok && result.error.message).toContain(file);
  });

  it('tryLoadConfig returns the config when it is valid', async () => {
    const dir = tempDir();
    const file = write(dir, '.kirorc.json', '{"retries": 2}');
    await expect(tryLoadConfig({cwd: dir, stopDir: dir})).resolves.toEqual({
      ok: true,
      config: {retries: 2},
      filepath: file,
    });
  });
});

describe('malformed JS config files', () => {
  // vitest rewrites import() into its own module loader, so these run under plain Node (with tsx for our
  // TypeScript) to see the errors the shipped CLI gives.
  const cases: Record<string, [content: string, detail: string]> = {
    '.kirorc.cjs': ['module.exports = {\n  model: ,\n};\n', "SyntaxError: Unexpected token ',' (line 2)"],
    '.kirorc.mjs': ['export default {\n  model: ,\n};\n', "SyntaxError: Unexpected token ','"],
    'kiro-x.config.js': ["throw new Error('boom');\n", 'Error: boom (line 1)'],
  };
  const messages: Record<string, string> = {};
  const files: Record<string, string> = {};

  beforeAll(() => {
    const root = tempDir();
    for (const [name, [content]] of Object.entries(cases))
      files[name] = write(path.join(root, name), name, content);
    const dirs = Object.fromEntries(Object.entries(files).map(([name, file]) => [name, path.dirname(file)]));
    const entry = pathToFileURL(path.resolve('src/lib/config/index.ts')).href;
    const runner = write(
      root,
      'run.mts',
      `import {tryLoadConfig} from ${JSON.stringify(entry)};
const out = {};
for (const [name, dir] of Object.entries(${JSON.stringify(dirs)})) {
  const result = await tryLoadConfig({cwd: dir, stopDir: dir});
  out[name] = result.ok ? 'loaded' : result.error.name + ': ' + result.error.message;
}
console.log(JSON.stringify(out));
`,
    );
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', runner], {encoding: 'utf8'});
    Object.assign(messages, JSON.parse(stdout) as Record<string, string>);
  });

  it.each(Object.entries(cases))(
    '%s gives a UsageError naming the file and the error',
    (name, [, detail]) => {
      expect(messages[name]).toBe(`UsageError: Cannot read configuration file ${files[name]}: ${detail}`);
    },
  );
});

describe('a config path that cannot be read says why in words', () => {
  it('--config below a file names the file in the way, not ENOTDIR', async () => {
    const dir = tempDir();
    const file = write(dir, 'settings', 'model: a\n');
    const target = path.join(file, 'kiro.yaml');
    await expect(loadConfig({cwd: dir, configPath: target})).rejects.toThrow(
      `Configuration file ${target} cannot be read: ${file} is not a directory.`,
    );
  });
});

describe('config files that are not UTF-8', () => {
  it.each(['.kirorc', '.kirorc.json', '.kirorc.yaml'])('%s: refused with the byte offset', async (name) => {
    const dir = tempDir();
    const file = path.join(dir, name);
    // "model: café" with the é in Latin-1.
    const model = name.endsWith('.json') ? '{"model": "caf' : 'model: caf';
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(model),
        Buffer.from([0xe9]),
        Buffer.from(name.endsWith('.json') ? '"}\n' : '\n'),
      ]),
    );
    await expect(loadConfig({cwd: dir, stopDir: dir})).rejects.toThrow(
      `Configuration file ${file} is not UTF-8 text: byte 0xE9 at byte offset ${model.length} (line 1) is not valid UTF-8.`,
    );
  });

  it('a real U+FFFD in valid UTF-8 is kept', async () => {
    const dir = tempDir();
    write(dir, '.kirorc', 'model: "a\uFFFDb"\n');
    await expect(loadConfig({cwd: dir, stopDir: dir})).resolves.toMatchObject({config: {model: 'a\uFFFDb'}});
  });
});
