// One headless turn: what the "model" answers and how the process ends, driven by the prompt's directives.
import {missingProfileArn, usageLimit} from './account.mjs';
import {DEVICE_CODE_BLOCK} from './credentials.mjs';
import {bigTextBlocks, binaryGarbage, invalidUtf8Answer, lineText} from './content.mjs';
import {intValue, unescape} from './directives.mjs';
import {closeStdoutEarly, crash, hangNoisy, killSelf, spawnGrandchild} from './faults.mjs';
import {err, exitWith, hangForever, onFinish, out, outChunked, sleep} from './io.mjs';
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
  toolShapesTurn,
  toolsTurn,
  trailer,
} from './render.mjs';
import {nextAttempt} from './state.mjs';
import {updateRecord} from './record.mjs';
import {canonical, insideCwd, internalName, isTrusted, toolAvailable} from './trust.mjs';

// Prompts whose real answers were captured byte for byte.
const CANNED = new Map([
  ['List exactly three primary colors, one per line, no other text.', 'Red\nBlue\nYellow'],
  ['ok', 'ok'],
  ['Say hello in one word.', 'Hello.'],
]);

/** The stderr line of each `backend=` failure. */
export const BACKEND = {
  trouble: 'Kiro is having trouble responding right now: dispatch failure\n',
  // The words between the warning sign and "rate limit reached:" are not known (unverified).
  quota:
    '\u26a0\ufe0f  Kiro rate limit reached:\nRequest quota exceeded. Please wait a moment and try again.\n',
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

/** The answer a turn gives: `answer=`, `markdown`, a captured prompt's real answer, else `You said: PROMPT`. */
export function answerText(ctx) {
  const d = ctx.directives;
  if (d.has('answer')) return unescape(String(d.get('answer')));
  if (d.has('markdown')) return '## v1.16.0\n### Features\n- Added things';
  return CANNED.get(ctx.prompt) ?? `You said: ${ctx.prompt}`;
}

/** The `__tool_use_purpose` of a simulated shell call. */
export const SHELL_PURPOSE = 'Run the command the user asked for';

// What a tool use holds in the store: a shell command with its purpose, or a path / pattern.
const toolInput = (tool, arg) =>
  tool === 'shell' ? {command: arg, __tool_use_purpose: SHELL_PURPOSE} : {path: arg};

// A tool call the model makes: unavailable to the agent → never made; trusted → fake run; untrusted → refused and
// the model goes on (2.18), or the older variants of KIRO_SIM_DENY_STYLE.
async function toolStep(ctx, tool, arg) {
  const record = (status) => {
    ctx.toolCalls.push({tool, arg, status});
    updateRecord({toolCalls: ctx.toolCalls});
  };
  if (!toolAvailable(ctx.agent, tool, ctx.env)) return record('unavailable');
  const [toolUseId] = ctx.session.assistant({tools: [{name: tool, input: toolInput(tool, arg)}]});
  // grep's argument is a pattern searched from the cwd; the others name paths.
  const inside = tool !== 'shell' && (tool === 'grep' || insideCwd(arg));
  if (isTrusted(ctx.trust, tool, inside)) {
    await out(tool === 'shell' ? shellCall(arg) : toolCall(tool, arg));
    const result =
      tool === 'shell'
        ? {json: {exit_status: 'exit status: 0', stdout: 'simulated output of the command\n', stderr: ''}}
        : {text: 'simulated result'};
    ctx.session.toolResults([{toolUseId, status: 'success', ...result}]);
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
  ctx.session.toolResults([{toolUseId, status: 'error', text: denied.trimEnd()}]);
  return undefined;
}

/** `tool=NAME[:ARG][;NAME[:ARG]…]`: the calls in order, as `{tool, arg}` (ARG defaults to `.`). */
export function toolSpecs(value) {
  return unescape(String(value))
    .split(';')
    .filter(Boolean)
    .map((spec) => {
      const colon = spec.indexOf(':');
      const name = canonical(colon === -1 ? spec : spec.slice(0, colon));
      return {tool: name, arg: colon === -1 ? '.' : spec.slice(colon + 1)};
    });
}

// subagent=N: one `subagent` tool use whose N delegated conversations are saved as child sessions (the
// transcript's shape for it is unverified).
async function subagentStep(ctx, count) {
  const [toolUseId] = ctx.session.assistant({
    tools: [{name: 'subagent', input: {count, __tool_use_purpose: 'Delegate parts of the task'}}],
  });
  await out(
    `Delegating to ${count} subagent${count === 1 ? '' : 's'} (using tool: subagent)\n - Completed in 0.2s\n\n`,
  );
  for (let k = 1; k <= count; k++) {
    const child = ctx.session.child('subagent');
    child.prompt(`Subagent task ${k} of ${count}`, {history: false});
    child.assistant({text: `Subagent ${k} finished its part.`});
    child.finishTurn({credits: 0.01, durationMs: 200});
  }
  ctx.session.toolResults([{toolUseId, status: 'success', text: `${count} subagents finished.`}]);
}

// The two tool rounds of headless-2.x-tools.stdout.stripped.txt, as the store would hold them.
function toolsEvents(session, first, final) {
  const [git, batch] = session.assistant({
    tools: [
      {
        name: 'shell',
        input: {
          command: 'git -C /home/u/proj status --short',
          __tool_use_purpose: 'Check current git status',
        },
      },
      {name: 'read', input: {operations: [{mode: 'Directory', path: '/home/u/proj/backend/apps/core'}]}},
    ],
  });
  session.toolResults([
    {
      toolUseId: git,
      status: 'success',
      json: {exit_status: 'exit status: 0', stdout: ' M dentacrm/README.md\n', stderr: ''},
    },
    {toolUseId: batch, status: 'success', text: '10 entries'},
  ]);
  const [read] = session.assistant({
    text: first,
    tools: [{name: 'read', input: {operations: [{mode: 'Line', path: '/home/u/proj/README.md'}]}}],
  });
  session.toolResults([{toolUseId: read, status: 'success', text: 'Successfully read 23325 bytes'}]);
  return [final];
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
    const first =
      'Substantial work exists across all 10 tasks. Let me verify the current state by running the reproduction script.';
    return {texts: toolsEvents(ctx.session, first, final), afterTrailer: '\n'};
  }
  if (d.has('tool-shapes')) {
    const final = d.has('answer') ? answerText(ctx) : 'Both look fine.';
    for (const step of toolShapesTurn(noColor, final)) await out(step);
    return {texts: ['Let me look at both.', final], afterTrailer: ''};
  }
  if (d.has('shell')) await toolStep(ctx, 'shell', unescape(String(d.get('shell'))));
  if (d.has('tool')) for (const {tool, arg} of toolSpecs(d.get('tool'))) await toolStep(ctx, tool, arg);
  if (d.has('subagent')) await subagentStep(ctx, Math.max(1, intValue(d, 'subagent', 1)));
  const count = Math.max(1, intValue(d, 'messages', 1));
  const texts = Array.from({length: count - 1}, (_, i) => `Step ${i + 1} of ${count}.`);
  texts.push(answerText(ctx));
  await out(renderMessages(texts, noColor));
  return {texts, afterTrailer: ''};
}

/**
 * Runs the turn and ends the process; ctx = {env, prompt, directives, noColor, agent, trust, session, startedAt,
 * harness ('v2' | 'v3')}.
 */
export async function runTurn(ctx) {
  ctx.toolCalls = [];
  const {env, directives: d} = ctx;
  if (d.has('ignore-term')) process.on('SIGTERM', () => {});
  if (d.has('grandchild')) spawnGrandchild(d.get('grandchild'));
  // The session is locked while this process owns it; only a normal exit removes the lock.
  const session = ctx.session;
  session.begin();
  onFinish(() => session.release());
  if (d.has('clear')) session.clear();
  if (d.has('compact')) session.compact('The earlier conversation, summarised.');
  session.prompt(ctx.prompt);
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
  if (env.KIRO_SIM_PROFILE_ARN === 'missing') return missingProfileArn();
  if (d.has('usage-limit')) {
    const forced = String(d.get('usage-limit'));
    return usageLimit(forced === 'v2' || forced === 'v3' ? forced : ctx.harness);
  }
  if (d.has('error')) {
    await err(`error: ${unescape(String(d.get('error')))}\n`);
    return exitWith(1);
  }
  if (d.has('crash')) return crash(ctx.noColor);
  if (d.has('signal')) return killSelf(d.get('signal'), ctx.noColor);

  const {texts, afterTrailer} = await speak(ctx);
  const thinking = d.has('thinking') ? unescape(String(d.get('thinking'))) : undefined;
  texts.forEach((text, i) =>
    session.assistant({text, ...(i === texts.length - 1 && thinking !== undefined ? {thinking} : {})}),
  );
  const credits = d.has('credits') ? String(d.get('credits')) : '0.06';
  session.finishTurn({credits: Number(credits) || 0, durationMs: Date.now() - ctx.startedAt});
  if (d.has('exit')) return exitWith(intValue(d, 'exit', 0));
  if (d.has('no-trailer')) return exitWith(0);
  const time = d.has('time') ? String(d.get('time')) : formatElapsed(Date.now() - ctx.startedAt);
  const style = new Set(String(env.KIRO_SIM_TRAILER ?? '').split(','));
  await err(trailer(credits, time, {grey: style.has('grey'), timeOnly: style.has('time')}) + afterTrailer);
  if (d.has('trailer-then-hang')) return hangForever();
  return exitWith(0);
}
