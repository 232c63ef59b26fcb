import {readFileSync} from 'node:fs';

import {describe, expect, test} from 'vitest';

import {OUTCOMES} from '../../src/lib/outcomes.js';
import {ASK_RESULT_SCHEMA_PATH, sampleAskDocument, validateAskResult} from '../helpers/validate.js';

interface SchemaDoc {
  required: string[];
  properties: Record<string, {description?: string; enum?: string[]; items?: {properties?: object}}>;
}
const schema = JSON.parse(readFileSync(ASK_RESULT_SCHEMA_PATH, 'utf8')) as SchemaDoc;

describe('schema/ask-result.schema.json', () => {
  test('a full AskResult validates, also after a JSON round trip and with profilePath', () => {
    const doc = sampleAskDocument({profilePath: '/tmp/kiro-x-3f2a.json'});
    expect(validateAskResult(JSON.parse(JSON.stringify(doc)))).toEqual({valid: true, errors: []});
    expect(validateAskResult(sampleAskDocument())).toEqual({valid: true, errors: []});
  });

  test('a failed result with every nullable field null validates', () => {
    const doc = sampleAskDocument({
      ok: false,
      outcome: 'cli_not_found',
      transcript: null,
      credits: null,
      kiroTimeMs: null,
      exitCode: null,
      signal: null,
      sessionId: null,
      resumed: null,
      model: null,
      agent: null,
      command: [],
      toolCalls: [],
    });
    expect(validateAskResult(doc)).toEqual({valid: true, errors: []});
  });

  test('a missing required field fails', () => {
    const {stderrTail: _dropped, ...doc} = sampleAskDocument();
    expect(validateAskResult(doc)).toEqual({
      valid: false,
      errors: ["/ must have required property 'stderrTail'"],
    });
  });

  test('an extra field fails', () => {
    expect(validateAskResult({...sampleAskDocument(), extra: 1})).toEqual({
      valid: false,
      errors: ['/ must NOT have additional properties'],
    });
  });

  test('an unknown outcome, another schemaVersion and a bad tool call fail', () => {
    expect(validateAskResult({...sampleAskDocument(), outcome: 'done'}).errors).toEqual([
      '/outcome must be equal to one of the allowed values',
    ]);
    expect(validateAskResult({...sampleAskDocument(), schemaVersion: 2}).errors).toEqual([
      '/schemaVersion must be equal to constant',
    ]);
    expect(validateAskResult({...sampleAskDocument(), toolCalls: [{tool: 'read'}]}).errors).toEqual([
      "/toolCalls/0 must have required property 'title'",
    ]);
    expect(validateAskResult({...sampleAskDocument(), credits: '0.06'}).errors).toEqual([
      '/credits must be number,null',
    ]);
  });

  test('lists exactly the OUTCOMES, requires all but profilePath and documents every property', () => {
    expect(schema.properties['outcome']?.enum).toEqual([...OUTCOMES]);
    expect(schema.required).toEqual(Object.keys(sampleAskDocument()));
    expect(Object.keys(schema.properties)).toEqual([...Object.keys(sampleAskDocument()), 'profilePath']);
    const described = Object.values(schema.properties).concat(
      Object.values(schema.properties['toolCalls']?.items?.properties ?? {}),
    );
    for (const property of described) expect(property.description ?? '').not.toBe('');
  });
});
