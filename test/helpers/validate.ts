import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import addFormatsModule from 'ajv-formats';
import {Ajv2020, type ValidateFunction} from 'ajv/dist/2020.js';
import {create} from 'xmlbuilder2';
import {validateXML} from 'xmllint-wasm';

import {askDocument, type AskDocument, type AskResult} from '../../src/lib/ask/result.js';

/** The repository root (this file lives in `test/helpers`). */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The Jenkins xUnit JUnit schema every JUnit document kiro-x writes must satisfy. */
export const JUNIT_XSD_PATH = path.resolve(REPO_ROOT, '../shared/schemas/junit-jenkins-10.xsd');

/** The JSON Schema of the `kiro-x ask --json` document. */
export const ASK_RESULT_SCHEMA_PATH = path.resolve(REPO_ROOT, 'schema/ask-result.schema.json');

/** The JSON Schema of one `kiro-x ask --output stream-json` line. */
export const STREAM_EVENT_SCHEMA_PATH = path.resolve(REPO_ROOT, 'schema/stream-event.schema.json');

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

let compiled: {askResult: ValidateFunction; streamEvent: ValidateFunction} | undefined;

// The stream-event schema refers to its sibling file by name, as a reader resolving it next to it would.
function validators(): {askResult: ValidateFunction; streamEvent: ValidateFunction} {
  if (compiled === undefined) {
    const ajv = new Ajv2020({allErrors: true, strict: true});
    addFormats(ajv);
    const read = (file: string): object => JSON.parse(readFileSync(file, 'utf8')) as object;
    ajv.addSchema(read(ASK_RESULT_SCHEMA_PATH), 'ask-result.schema.json');
    compiled = {
      askResult: ajv.getSchema('ask-result.schema.json') as ValidateFunction,
      streamEvent: ajv.compile(read(STREAM_EVENT_SCHEMA_PATH)),
    };
  }
  return compiled;
}

function verdict(validate: ValidateFunction, doc: unknown): Validation {
  const valid = validate(doc);
  const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
  return {valid, errors};
}

/** Validate a parsed `kiro-x ask --json` document against `schema/ask-result.schema.json` (draft 2020-12). */
export function validateAskResult(doc: unknown): Validation {
  return verdict(validators().askResult, doc);
}

/** Validate one parsed `stream-json` line against `schema/stream-event.schema.json` (draft 2020-12). */
export function validateStreamEvent(event: unknown): Validation {
  return verdict(validators().streamEvent, event);
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
    permissions: [],
    ...overrides,
  };
}

/** {@link sampleAskResult} as the `--json` document prints it. */
export function sampleAskDocument(overrides: Partial<AskResult> = {}): AskDocument {
  return askDocument(sampleAskResult(overrides));
}
