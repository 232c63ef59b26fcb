// The per-account model list (default list or KIRO_SIM_MODELS) and `chat --list-models`.
import {out} from './io.mjs';

const DEFAULT_MODELS = [
  {
    model_name: 'auto',
    model_id: 'auto',
    description: 'Models chosen by task for optimal usage and consistent quality',
    context_window_tokens: 200000,
    rate_multiplier: 1,
    rate_unit: 'credit',
  },
  {
    model_name: 'claude-sonnet-4.5',
    model_id: 'claude-sonnet-4.5',
    description: 'The latest Claude Sonnet model',
    context_window_tokens: 200000,
    rate_multiplier: 1.3,
    rate_unit: 'credit',
  },
  {
    model_name: 'claude-haiku-4.5',
    model_id: 'claude-haiku-4.5',
    description: 'The latest Claude Haiku model',
    context_window_tokens: 200000,
    rate_multiplier: 0.4,
    rate_unit: 'credit',
  },
  {
    model_name: 'claude-opus-4.5',
    model_id: 'claude-opus-4.5',
    description: 'The latest Claude Opus model',
    context_window_tokens: 200000,
    rate_multiplier: 2.2,
    rate_unit: 'credit',
  },
];

/** The account's models: KIRO_SIM_MODELS (comma list, first = default) or the built-in four. */
export function modelList(env) {
  const custom = (env.KIRO_SIM_MODELS ?? '')
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  if (custom.length === 0) return DEFAULT_MODELS;
  return custom.map((id) => ({
    model_name: id,
    model_id: id,
    description: `Simulated model ${id}`,
    context_window_tokens: 200000,
    rate_multiplier: 1,
    rate_unit: 'credit',
  }));
}

/** The line kiro-cli prints for an unknown --model. */
export function unknownModelError(id, models) {
  return `error: Model '${id}' does not exist. Available models: ${models.map((m) => m.model_id).join(', ')}\n`;
}

/** `chat --list-models [--format]` on stdout. */
export async function listModels(env, format) {
  const models = modelList(env);
  const defaultModel = models[0].model_id;
  const doc = {models, default_model: defaultModel};
  if (format === 'json') return out(`${JSON.stringify(doc)}\n`);
  if (format === 'json-pretty') return out(`${JSON.stringify(doc, null, 2)}\n`);
  const width = Math.max(...models.map((m) => m.model_id.length));
  const rows = models.map((m) => {
    const star = m.model_id === defaultModel ? '*' : ' ';
    const rate = `${m.rate_multiplier.toFixed(2)}x ${m.rate_unit}`;
    return `${star} ${m.model_id.padEnd(width)}  ${rate.padEnd(12)}  ${m.description}\n`;
  });
  return out(`Available models (* = default):\n\n${rows.join('')}\n`);
}
