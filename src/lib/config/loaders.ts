import {readFileSync} from 'node:fs';
import {pathToFileURL} from 'node:url';

import {decodeUtf8} from '../fs/utf8.js';

/*
 * Our own loaders instead of cosmiconfig's defaults: those colour JSON errors for a terminal, and their
 * require() fallback for JS hides an ES module's real syntax error behind an ERR_INTERNAL_ASSERTION.
 * Each throws an Error whose message is only the parser's complaint; the caller adds the file name.
 */

/**
 * cosmiconfig decodes files as UTF-8 and turns bad bytes into U+FFFD without a word; a file holding U+FFFD is
 * read again as bytes, so one that is not UTF-8 is refused with the offset of its first bad byte.
 */
function checkUtf8(filepath: string, content: string): void {
  if (content.includes('\uFFFD')) decodeUtf8(readFileSync(filepath), `Configuration file ${filepath}`);
}

/** Parses JSON, adding the line and column Node 20's JSON.parse leaves out. */
export function loadJson(filepath: string, content: string): unknown {
  checkUtf8(filepath, content);
  try {
    return JSON.parse(content) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message)?.[1];
    const where =
      position === undefined || /\bline\b/.test(message) ? '' : ` (${lineColumn(content, Number(position))})`;
    throw new Error(`JSON syntax error: ${message}${where}`, {cause: error});
  }
}

/** Parses YAML (also JSON, which `.kirorc` may hold); a file of only comments is an empty config. */
export async function loadYaml(filepath: string, content: string): Promise<unknown> {
  checkUtf8(filepath, content);
  const yaml = await import('yaml');
  // yaml is CommonJS: bundled, a dynamic import of it may carry its exports under `default` only.
  const parseYaml = yaml.parse ?? (yaml as unknown as {default: typeof yaml}).default.parse;
  try {
    return parseYaml(content) ?? undefined;
  } catch (error) {
    throw new Error(`YAML syntax error: ${(error as Error).message.trimEnd()}`, {cause: error});
  }
}

/** Imports a JS config (CommonJS or ES module) and returns its default export. */
export async function loadJs(filepath: string): Promise<unknown> {
  try {
    const module = (await import(pathToFileURL(filepath).href)) as {default?: unknown};
    return module.default;
  } catch (error) {
    const {name, message, stack = ''} = error as Error;
    const escaped = [filepath, pathToFileURL(filepath).href].map((place) =>
      place.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    );
    const line = new RegExp(`(?:${escaped.join('|')}):(\\d+)`).exec(stack)?.[1];
    throw new Error(`${name}: ${message}${line === undefined ? '' : ` (line ${line})`}`, {cause: error});
  }
}

function lineColumn(content: string, position: number): string {
  const before = content.slice(0, position).split('\n');
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}
