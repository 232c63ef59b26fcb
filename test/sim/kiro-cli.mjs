#!/usr/bin/env node
// Simulator of AWS kiro-cli 2.x for tests: follows ../../shared/kiro-cli/REFERENCE.md, see README.md here.
import {acp} from './lib/acp.mjs';
import {parseArgs, ROOT_HARNESS_FLAGS, rootUsageError, WHOAMI_SPECS} from './lib/args.mjs';
import {chat} from './lib/chat.mjs';
import {whoami} from './lib/credentials.mjs';
import {ROOT_HELP} from './lib/help.mjs';
import {err, exitWith, onFinish, out, sleep} from './lib/io.mjs';
import {startRecord, updateRecord} from './lib/record.mjs';
import {atLeast, simVersion} from './lib/version.mjs';

const startedAt = Date.now();
const env = process.env;
const args = process.argv.slice(2);
const version = simVersion(env);

startRecord(env, args, startedAt);
onFinish((code) => updateRecord({endedAt: Date.now(), exitCode: code}));

// Dispatches on the first argument the way kiro-cli's clap tree does; a harness flag may come before `chat`
// (`acp` ignores it).
async function main() {
  let rootHarness;
  let [first, ...rest] = args;
  if (Object.hasOwn(ROOT_HARNESS_FLAGS, first ?? '') && atLeast(version, ROOT_HARNESS_FLAGS[first])) {
    rootHarness = first;
    [first, ...rest] = rest;
  }
  if (first === undefined) {
    await err('kiro-cli simulator: interactive chat is not simulated; pass `chat --no-interactive`\n');
    return exitWith(1);
  }
  if (first === '--version' || first === '-V') {
    await out(`kiro-cli ${version}\n`);
    return exitWith(0);
  }
  if (first === '--help' || first === '-h') {
    await out(ROOT_HELP);
    return exitWith(0);
  }
  // KIRO_SIM_STARTUP_MS: kiro-cli's own start-up (agents, MCP servers, credential), paid by every chat and acp.
  const startupMs = Number.parseInt(env.KIRO_SIM_STARTUP_MS ?? '0', 10);
  if ((first === 'chat' || first === 'acp') && startupMs > 0) await sleep(startupMs);
  if (first === 'chat') return chat(rest, env, {version, startedAt, rootHarness});
  if (first === 'acp') return acp(rest, env, {version});
  if (first === 'whoami') {
    const parsed = parseArgs(rest, WHOAMI_SPECS, {
      usage: 'kiro-cli whoami [OPTIONS]',
      version,
      maxPositionals: 0,
    });
    if (parsed.error) {
      await err(parsed.error);
      return exitWith(2);
    }
    if (parsed.options.help) {
      await out('Prints details about the current user\n\nUsage: kiro-cli whoami [OPTIONS]\n');
      return exitWith(0);
    }
    return whoami(env, parsed.options.format, version);
  }
  await err(rootUsageError(first));
  return exitWith(2);
}

await main();
