import {describe, expect, test} from 'vitest';

import {askResultToJunit} from '../../src/lib/output/ask-junit.js';
import {renderJunit} from '../../src/lib/output/junit.js';
import {oneLine} from '../../src/lib/output/shorten.js';
import type {Outcome} from '../../src/lib/outcomes.js';
import {attributesOf, elements, readXml, sampleAskResult, validateJunit} from '../helpers/validate.js';

describe('askResultToJunit', () => {
  test('completed: one passing case with the answer on system-out and the facts as suite properties', async () => {
    const suite = askResultToJunit(sampleAskResult(), {name: 'What is the answer?'});
    expect(suite).toEqual({
      name: 'kiro-x ask',
      timeMs: 4321,
      properties: {
        outcome: 'completed',
        exitCode: '0',
        credits: '0.06',
        kiroTimeMs: '4000',
        durationMs: '4321',
        model: 'claude-sonnet-4',
        agent: 'kiro-x-3f2a',
        sessionId: '0b5c2a52-6f55-4e1c-9a53-3c6f1b0e9d11',
      },
      cases: [
        {
          name: 'What is the answer?',
          classname: 'kiro-x.ask',
          timeMs: 4321,
          result: {kind: 'pass'},
          systemOut: 'The answer is 42.',
        },
      ],
    });
    const xml = renderJunit([suite]);
    const verdict = await validateJunit(xml);
    expect(verdict).toEqual({valid: true, errors: []});
    expect(attributesOf(readXml(xml))).toEqual({tests: '1', failures: '0', errors: '0', time: '4.321'});
  });

  test('failed: a <failure type="failed"> carrying the message and the stderr tail', async () => {
    const result = sampleAskResult({
      ok: false,
      outcome: 'failed',
      message: "kiro-cli exited 1: error: Model 'x' does not exist.",
      text: '',
      exitCode: 1,
      credits: null,
      kiroTimeMs: null,
      sessionId: null,
      warnings: ["error: Model 'x' does not exist. Available models: auto"],
      stderrTail: "error: Model 'x' does not exist. Available models: auto",
    });
    const suite = askResultToJunit(result, {name: 'p'});
    expect(suite.properties).toEqual({
      outcome: 'failed',
      exitCode: '1',
      durationMs: '4321',
      model: 'claude-sonnet-4',
      agent: 'kiro-x-3f2a',
    });
    expect(suite.cases).toEqual([
      {
        name: 'p',
        classname: 'kiro-x.ask',
        timeMs: 4321,
        result: {
          kind: 'failure',
          type: 'failed',
          message: "kiro-cli exited 1: error: Model 'x' does not exist.",
          details: "error: Model 'x' does not exist. Available models: auto",
        },
        systemErr: "error: Model 'x' does not exist. Available models: auto",
      },
    ]);
    const xml = renderJunit([suite]);
    expect(await validateJunit(xml)).toEqual({valid: true, errors: []});
    expect(attributesOf(readXml(xml))).toEqual({tests: '1', failures: '1', errors: '0', time: '4.321'});
  });

  const errorOutcomes: Outcome[] = [
    'usage_error',
    'mcp_startup_failed',
    'agent_not_found',
    'auth_failed',
    'cli_not_found',
    'cli_usage_error',
    'timed_out',
    'stalled',
    'usage_limited',
    'cancelled',
  ];
  test.each(errorOutcomes)('%s: an <error> typed with the outcome', async (outcome) => {
    const result = sampleAskResult({
      ok: false,
      outcome,
      message: `stopped: ${outcome}`,
      text: 'partial',
      exitCode: null,
      signal: 'SIGTERM',
      stderrTail: '',
    });
    const xml = renderJunit([askResultToJunit(result, {name: 'p'})]);
    expect(await validateJunit(xml)).toEqual({valid: true, errors: []});
    const root = readXml(xml);
    expect(attributesOf(root)).toEqual({tests: '1', failures: '0', errors: '1', time: '4.321'});
    const [error] = elements(root, 'error');
    expect(attributesOf(error!)).toEqual({type: outcome, message: `stopped: ${outcome}`});
    expect(error!.textContent).toBe('');
    expect(elements(root, 'system-out').map((el) => el.textContent)).toEqual(['partial']);
    const props = Object.fromEntries(
      elements(root, 'property').map((p) => [p.getAttribute('name'), p.getAttribute('value')]),
    );
    expect(props['outcome']).toBe(outcome);
    expect(props['signal']).toBe('SIGTERM');
    expect('exitCode' in props).toBe(false);
  });

  test('a resume that did not happen is a suite property; an unknown one is left out', () => {
    expect(askResultToJunit(sampleAskResult({resumed: false}), {name: 'p'}).properties?.resumed).toBe(
      'false',
    );
    expect(askResultToJunit(sampleAskResult({resumed: true}), {name: 'p'}).properties?.resumed).toBe('true');
    expect(askResultToJunit(sampleAskResult(), {name: 'p'}).properties).not.toHaveProperty('resumed');
  });

  test('a multi-line prompt shortened with oneLine makes a one-line case name', () => {
    const name = oneLine(`Refactor this:\n\n${'code '.repeat(40)}`);
    expect(name).toHaveLength(80);
    expect(name.startsWith('Refactor this: code code')).toBe(true);
    expect(name.endsWith('…')).toBe(true);
    expect(askResultToJunit(sampleAskResult(), {name}).cases[0]?.name).toBe(name);
  });
});
