// `subagent=N` on ACP: a `subagent` tool use whose N delegated conversations are saved as child sessions of the
// store and reported the dialect's way (V2: their own `_kiro.dev/metadata`; V3: `agent-subtask` tool calls).

/** Runs N subagents for the session: store first (child sessions), then the dialect's frames. */
export async function runSubagents(server, session, count) {
  const [toolUseId] = session.store.assistant({
    tools: [{name: 'subagent', input: {count, __tool_use_purpose: 'Delegate parts of the task'}}],
  });
  const children = [];
  for (let k = 1; k <= count; k++) {
    const name = `Subagent task ${k} of ${count}`;
    const answer = `Subagent ${k} finished its part.`;
    const store = session.store.child('subagent');
    store.prompt(name, {history: false});
    store.assistant({text: answer});
    store.finishTurn({credits: 0.01, durationMs: 200});
    children.push({id: store.id, name, answer, credits: 0.01});
  }
  await server.dialect.subagents(session, children);
  session.store.toolResults([{toolUseId, status: 'success', text: `${count} subagents finished.`}]);
}
