import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import addFormatsModule from 'ajv-formats';
import {Ajv2020, type ValidateFunction} from 'ajv/dist/2020.js';
import {create} from 'xmlbuilder2';
import {validateXML} from 'xmllint-wasm';

import type {AskResult} from '../../src/lib/ask/result.js';

/** The repository root (this file lives in `test/helpers`). */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The Jenkins xUnit JUnit schema every JUnit document kiro-x writes must satisfy. */
export const JUNIT_XSD_PATH = path.resolve(REPO_ROOT, '../shared/schemas/junit-jenkins-10.xsd');

/** The JSON Schema of the `kiro-x ask --json` document. */
export const ASK_RESULT_SCHEMA_PATH = path.resolve(REPO_ROOT, 'schema/ask-result.schema.json');

// ajv-formats is CommonJS: under NodeNext its default import is the module object, the plugin is `.default`.
const addFormats = addFormatsModule.default;

/** Validation verdict with readable errors (empty when valid). */
export interface Validation {
  valid: boolean;
  errors: string[];
}

/** Validate a JUnit document against `../shared/schemas/junit-jenkins-10.xsd` with libxml2 (xmllint-wasm). */
export async function validateJunit(xml: string): Promise<Validation> {
  const result = await validateXML({
    xml: {fileName: 'report.xml', contents: xml},
    schema: {fileName: 'junit-jenkins-10.xsd', contents: readFileSync(JUNIT_XSD_PATH, 'utf8')},
  });
  const errors = result.errors.map((e) => e.rawMessage);
  // xmllint reports a few failures (e.g. an unparseable schema) only in rawOutput.
  if (!result.valid && errors.length === 0) errors.push(result.rawOutput);
  return {valid: result.valid, errors};
}

let compiled: ValidateFunction | undefined;

/** Validate a parsed `kiro-x ask --json` document against `schema/ask-result.schema.json` (draft 2020-12). */
export function validateAskResult(doc: unknown): Validation {
  if (compiled === undefined) {
    const ajv = new Ajv2020({allErrors: true, strict: true});
    addFormats(ajv);
    compiled = ajv.compile(JSON.parse(readFileSync(ASK_RESULT_SCHEMA_PATH, 'utf8')) as object);
  }
  const valid = compiled(doc);
  const errors = (compiled.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
  return {valid, errors};
}

/** The slice of the DOM that tests read from a parsed XML document. */
export interface XmlElement {
  readonly tagName: string;
  readonly textContent: string | null;
  readonly attributes: ArrayLike<{name: string; value: string}>;
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<XmlElement>;
}

/** Parse XML back (with xmlbuilder2's DOM) so tests read attributes and text as a consumer would. */
export function readXml(xml: string): XmlElement {
  return create(xml).root().node as unknown as XmlElement;
}

/** Every attribute of an element, for exact comparison. */
export function attributesOf(el: XmlElement): Record<string, string> {
  return Object.fromEntries(Array.from(el.attributes, (a) => [a.name, a.value]));
}

/** The elements named `tag` below `el`, as an array. */
export function elements(el: XmlElement, tag: string): XmlElement[] {
  return Array.from(el.getElementsByTagName(tag));
}

/** A complete, realistic `completed` AskResult; tests override what they vary. */
export function sampleAskResult(overrides: Partial<AskResult> = {}): AskResult {
  return {
    schemaVersion: 1,
    ok: true,
    outcome: 'completed',
    message: 'kiro-cli answered and reported its credits.',
    text: 'The answer is 42.',
    messages: ['Let me check.', 'The answer is 42.'],
    transcript: '> Let me check.\nReading file: a.txt, all lines (using tool: read)\n> The answer is 42.',
    toolCalls: [
      {tool: 'read', title: 'Reading file: a.txt, all lines', durationMs: 400},
      {tool: 'shell', title: 'ls'},
    ],
    deniedTools: [],
    credits: 0.06,
    kiroTimeMs: 4000,
    durationMs: 4321,
    exitCode: 0,
    signal: null,
    sessionId: '0b5c2a52-6f55-4e1c-9a53-3c6f1b0e9d11',
    resumed: null,
    model: 'claude-sonnet-4',
    agent: 'kiro-x-3f2a',
    warnings: [],
    stderrTail: '▸ Credits: 0.06 • Time: 4s',
    command: ['kiro-cli', 'chat', '--no-interactive', '--agent', 'kiro-x-3f2a', '--', '<prompt>'],
    ...overrides,
  };
}
