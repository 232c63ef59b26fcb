import {readFileSync} from 'node:fs';
import {Flags} from '@oclif/core';
import {describe, expect, it} from 'vitest';
import Ask from '../../src/commands/ask.js';
import {lightParse, type ManifestCommand} from '../../src/cli/light-parse.js';

const command: ManifestCommand = {
  strict: true,
  args: {prompt: {name: 'prompt', description: 'The prompt.', required: false}},
  flags: {
    model: {name: 'model', type: 'option', multiple: false, description: 'Model.'},
    output: {name: 'output', type: 'option', char: 'o', multiple: false, options: ['text', 'json']},
    resource: {name: 'resource', type: 'option', multiple: true},
    json: {name: 'json', type: 'boolean', allowNo: false, exclusive: ['output']},
    quiet: {name: 'quiet', type: 'boolean', char: 'q', allowNo: true},
    'no-tools': {name: 'no-tools', type: 'boolean', allowNo: false},
  },
};
const parse = (...argv: string[]) => lightParse(argv, command, ['--help', '-h']);

describe('lightParse', () => {
  it.each([
    [['hi'], {prompt: 'hi'}, {}],
    [[], {}, {}],
    [['--model', 'm1', 'hi'], {prompt: 'hi'}, {model: 'm1'}],
    [['--model=m1', 'hi'], {prompt: 'hi'}, {model: 'm1'}],
    [['--model', '-x'], {}, {model: '-x'}],
    [['--model', ''], {}, {model: ''}],
    [['-o', 'json', 'hi'], {prompt: 'hi'}, {output: 'json'}],
    [['-ojson'], {}, {output: 'json'}],
    [['-o=json'], {}, {output: 'json'}],
    [['--json', 'hi'], {prompt: 'hi'}, {json: true}],
    [['--quiet', '--no-quiet'], {}, {quiet: false}],
    [['--no-quiet', '--quiet'], {}, {quiet: true}],
    [['-q', 'hi'], {prompt: 'hi'}, {quiet: true}],
    [['--no-tools'], {}, {'no-tools': true}],
    [['--resource', 'a', '--resource', 'b'], {}, {resource: ['a', 'b']}],
    // oclif's multiple flags are greedy: the words after one are its values until the next flag.
    [['--resource', 'a', 'b'], {}, {resource: ['a', 'b']}],
    [['--resource', 'a', '--json', 'b'], {}, {resource: ['a', 'b'], json: true}],
    [['--resource', 'a', '--', 'hi'], {prompt: 'hi'}, {resource: ['a']}],
    [['--', '--json'], {prompt: '--json'}, {}],
    [['-'], {prompt: '-'}, {}],
    [['--model', 'm', '--', '--help'], {prompt: '--help'}, {model: 'm'}],
    // oclif keeps the text after "=" of a boolean as an argument.
    [['--json=yes'], {prompt: 'yes'}, {json: true}],
  ])('parses %j as oclif does', (argv, args, flags) => {
    expect(parse(...argv)).toEqual({args, flags});
  });

  it.each([
    [['--help'], '--help asks for help'],
    [['hi', '-h'], '-h asks for help'],
    [['--modle', 'x'], '--modle is not a flag of the command'],
    [['-x'], '-x is not a flag of the command'],
    [['-5'], '-5 is not a flag of the command'],
    [['--no-json'], '--no-json is not a flag of the command'],
    [['--model', 'a', '--model', 'b'], '--model given twice'],
    [['--model'], '--model has no value'],
    [['--model', '--json'], '--model has no value'],
    [['-o', 'xml'], '--output does not take "xml"'],
    [['--json', '-o', 'json'], '--json and --output exclude each other'],
    [['one', 'two'], 'more arguments than the command takes'],
  ])('leaves %j to oclif', (argv, fallback) => {
    expect(parse(...argv)).toEqual({fallback});
  });

  it.each([
    ['an env variable', {env: 'X_MODEL'}],
    ['a default', {default: 'm'}],
    ['aliases', {aliases: ['mdl']}],
    ['a dependency', {dependsOn: ['output']}],
    ['a delimiter', {delimiter: ','}],
  ])('leaves a flag with %s to oclif', (_, extra) => {
    const withExtra = {...command, flags: {...command.flags, model: {...command.flags.model!, ...extra}}};
    expect(lightParse(['hi'], withExtra, [])).toHaveProperty('fallback');
  });

  it('leaves a required argument that is missing to oclif', () => {
    const required = {...command, args: {prompt: {name: 'prompt', required: true}}};
    expect(lightParse([], required, [])).toEqual({fallback: 'argument prompt is missing'});
  });

  it("parses the built manifest's ask", () => {
    const manifest = JSON.parse(readFileSync('oclif.manifest.json', 'utf8')) as {
      commands: Record<string, ManifestCommand>;
    };
    expect(lightParse(['-o', 'json', 'hi'], manifest.commands.ask!, ['--help'])).toEqual({
      args: {prompt: 'hi'},
      flags: {output: 'json'},
    });
  });
});

describe("ask's definitions", () => {
  // The manifest does not record these; the light parse assumes oclif's defaults for each.
  it('has only flags and arguments whose values oclif passes through unchanged', () => {
    const plain = {option: String(Flags.string({}).parse), boolean: String(Flags.boolean({}).parse)};
    for (const flag of Object.values(Ask.flags)) {
      expect(String(flag.parse)).toBe(plain[flag.type]);
    }
    for (const arg of Object.values(Ask.args)) {
      expect(arg.ignoreStdin).toBe(true);
      expect(String(arg.parse)).toBe(String(Ask.args.prompt.parse));
    }
    expect((Ask as {'--'?: boolean})['--']).toBeUndefined();
  });
});
