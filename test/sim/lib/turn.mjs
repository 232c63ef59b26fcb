// One headless turn: what the "model" answers and how the process ends, driven by the prompt's directives.
import {DEVICE_CODE_BLOCK} from './credentials.mjs';
import {bigTextBlocks, binaryGarbage, invalidUtf8Answer, lineText} from './content.mjs';
import {intValue, unescape} from './directives.mjs';
import {closeStdoutEarly, crash, hangNoisy, killSelf, spawnGrandchild} from './faults.mjs';
import {err, exitWith, hangForever, out, outChunked, sleep} from './io.mjs';
import {
  EOL,
  formatElapsed,
  marker,
  refusedShellCall,
  renderMessage,
  renderMessages,
  shellCall,
  toolCall,
  toolHeader,
  toolsTurn,
  trailer,
} from './render.mjs';
import {appendEvent} from './sessions.mjs';
import {nextAttempt} from './state.mjs';
import {updateRecord} from './record.mjs';
import {canonical, insideCwd, internalName, isTrusted, toolAvailable} from './trust.mjs';

// Prompts whose real answers were captured byte for byte.
const CANNED = new Map([
  ['List exactly three primary colors, one per line, no other text.', 'Red\nBlue\nYellow'],
  ['ok', 'ok'],
]);

const BACKEND = {
  trouble: 'Kiro is having trouble responding right now: dispatch failure\n',
  quota: 'Request quota exceeded. Please wait a moment and try again.\n',
  unavailable:
    "The model you've selected is temporarily unavailable. Please relaunch with '--model <model_id>' to use a different model.\n",
};

const deniedLine = (tool) =>
  `Command ${internalName(tool)} is rejected because it matches one or more rules on the denied list:\n` +
  '  - non-interactive mode (no user to approve)\n';

const APPROVAL_REQUIRED =
  'error: Tool approval required but --no-interactive was specified. ' +
  'Use --trust-all-tools or --trust-tools to automatically approve tools.\n';

async function backendFailure(kind) {
  const line = BACKEND[kind];
  if (!line) {
    await err(`kiro-cli simulator: unknown backend failure '${kind}'\n`);
    return exitWith(64);
  }
  await err(line);
  return exitWith(0);
}

function answerText(ctx) {
  const d = ctx.directives;
  if (d.has('answer')) return unescape(String(d.get('answer')));
  if (d.has('markdown')) return '## v1.16.0\n### Features\n- Added things';
  return CANNED.get(ctx.prompt) ?? `You said: ${ctx.prompt}`;
}

// A tool call the model makes: unavailable to the agent → never made; trusted → fake run; untrusted → refused and
// the model goes on (2.18), or the older variants of KIRO_SIM_DENY_STYLE.
async function toolStep(ctx, tool, arg) {
  const record = (status) => {
    ctx.toolCalls.push({tool, arg, status});
    updateRecord({toolCalls: ctx.toolCalls});
  };
  if (!toolAvailable(ctx.agent, tool, ctx.env)) return record('unavailable');
  // grep's argument is a pattern searched from the cwd; the others name paths.
  const inside = tool !== 'shell' && (tool === 'grep' || insideCwd(arg));
  const title =
    tool === 'shell' ? `I will run the following command: ${arg}` : toolHeader(tool, arg).trimEnd();
  if (isTrusted(ctx.trust, tool, inside)) {
    await out(tool === 'shell' ? shellCall(arg) : toolCall(tool, arg));
    const output = tool === 'shell' ? 'simulated output of the command' : 'simulated result';
    appendEvent(ctx.env, ctx.session, 'ToolResults', {tool, title, output, status: 'success'});
    return record('ran');
  }
  await out(tool === 'shell' ? refusedShellCall(arg) : toolHeader(tool, arg));
  record('refused');
  if (ctx.env.KIRO_SIM_DENY_STYLE === 'exit1') {
    await err(APPROVAL_REQUIRED);
    await exitWith(1);
  }
  if (ctx.env.KIRO_SIM_DENY_STYLE === 'hang') await hangForever();
  const denied = deniedLine(tool);
  await err(denied);
  appendEvent(ctx.env, ctx.session, 'ToolResults', {
    tool,
    title: tool === 'shell' ? arg : title,
    output: denied,
    status: 'rejected',
  });
  return undefined;
}

// `tool=NAME[:ARG][;NAME[:ARG]…]`: the calls in order.
function toolSpecs(value) {
  return unescape(String(value))
    .split(';')
    .filter(Boolean)
    .map((spec) => {
      const colon = spec.indexOf(':');
      const name = canonical(colon === -1 ? spec : spec.slice(0, colon));
      return {tool: name, arg: colon === -1 ? '.' : spec.slice(colon + 1)};
    });
}

// Writes the answer on stdout and returns the assistant texts to store, plus stderr bytes owed after the trailer.
async function speak(ctx) {
  const d = ctx.directives;
  const noColor = ctx.noColor;
  if (d.has('close-stdout')) {
    await closeStdoutEarly(noColor);
    return {texts: ['The answer stops here'], afterTrailer: ''};
  }
  if (d.has('binary')) {
    await outChunked(binaryGarbage(intValue(d, 'binary', 4096)));
    return {texts: ['(binary output)'], afterTrailer: ''};
  }
  if (d.has('invalid-utf8')) {
    await out(invalidUtf8Answer(noColor));
    return {texts: ['invalid bytes: \ufffd\ufffd end\ntruncated euro: \ufffd'], afterTrailer: ''};
  }
  if (d.has('big')) {
    // Streamed block by block, rendered as renderMessage would (plain lines: marker, then EOL resets).
    const bytes = intValue(d, 'big', 65536);
    await out(marker(noColor));
    for (const block of bigTextBlocks(bytes)) await outChunked(block.replaceAll('\n', EOL));
    return {texts: [`(${bytes} bytes of generated text)`], afterTrailer: ''};
  }
  if (d.has('line')) {
    const text = lineText(intValue(d, 'line', 65536));
    await outChunked(renderMessage(text, noColor));
    return {texts: [text], afterTrailer: ''};
  }
  if (d.has('tools')) {
    const final = d.has('answer') ? answerText(ctx) : 'Both suites are green.';
    await err('\n');
    for (const [i, step] of toolsTurn(noColor, final).entries()) {
      if (i < 3) await err('\n');
      await out(step);
    }
    return {texts: ['Substantial work exists across all 10 tasks.', final], afterTrailer: '\n'};
  }
  if (d.has('shell')) await toolStep(ctx, 'shell', unescape(String(d.get('shell'))));
  if (d.has('tool')) for (const {tool, arg} of toolSpecs(d.get('tool'))) await toolStep(ctx, tool, arg);
  const count = Math.max(1, intValue(d, 'messages', 1));
  const texts = Array.from({length: count - 1}, (_, i) => `Step ${i + 1} of ${count}.`);
  texts.push(answerText(ctx));
  await out(renderMessages(texts, noColor));
  return {texts, afterTrailer: ''};
}

/** Runs the turn and ends the process; ctx = {env, prompt, directives, noColor, agent, trust, session, startedAt}. */
export async function runTurn(ctx) {
  ctx.toolCalls = [];
  const {env, directives: d} = ctx;
  if (d.has('ignore-term')) process.on('SIGTERM', () => {});
  if (d.has('grandchild')) spawnGrandchild(d.get('grandchild'));
  appendEvent(env, ctx.session, 'Prompt', {text: ctx.prompt});
  if (d.has('hang')) return hangForever();
  if (d.has('hang-noisy')) return hangNoisy();
  const latency = intValue(d, 'sleep', intValue(new Map([['v', env.KIRO_SIM_LATENCY_MS]]), 'v', 0));
  if (latency > 0) await sleep(latency);
  if (d.has('login-prompt')) {
    await out(DEVICE_CODE_BLOCK);
    return hangForever();
  }
  if (d.has('flaky') && nextAttempt(env, ctx.prompt) <= intValue(d, 'flaky', 0))
    return backendFailure('trouble');
  if (d.has('backend')) return backendFailure(String(d.get('backend')));
  if (d.has('error')) {
    await err(`error: ${unescape(String(d.get('error')))}\n`);
    return exitWith(1);
  }
  if (d.has('crash')) return crash(ctx.noColor);
  if (d.has('signal')) return killSelf(d.get('signal'), ctx.noColor);

  const {texts, afterTrailer} = await speak(ctx);
  for (const text of texts) appendEvent(env, ctx.session, 'AssistantMessage', {text});
  if (d.has('exit')) return exitWith(intValue(d, 'exit', 0));
  if (d.has('no-trailer')) return exitWith(0);
  const credits = d.has('credits') ? String(d.get('credits')) : '0.06';
  const time = d.has('time') ? String(d.get('time')) : formatElapsed(Date.now() - ctx.startedAt);
  await err(trailer(credits, time, env.KIRO_SIM_TRAILER === 'grey') + afterTrailer);
  if (d.has('trailer-then-hang')) return hangForever();
  return exitWith(0);
}
