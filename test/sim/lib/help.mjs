// The help screens of kiro-cli 2.13.0, byte for byte (captures/help-2.13.0-*.txt).

/** `kiro-cli --help`. */
export const ROOT_HELP =
  'kiro-cli (Kiro CLI)\n' +
  '\n' +
  'Popular Subcommands              Usage: kiro-cli [subcommand]\n' +
  '\n' +
  '  chat         Chat with Kiro CLI\n' +
  '  agent        Manage AI agents\n' +
  '  doctor       Debug installation issues\n' +
  '  settings     Customize appearance and behavior\n' +
  '  quit         Quit the app\n' +
  '\n' +
  'Use --agent AGENT_NAME to start chat with a specific agent.\n' +
  'To see all subcommands, use: kiro-cli --help-all\n';

/** `kiro-cli chat --help` (it does not list every flag chat accepts). */
export const CHAT_HELP =
  'AI assistant in your terminal\n' +
  '\n' +
  'Usage: kiro-cli-chat chat [OPTIONS] [INPUT]\n' +
  '\n' +
  'Arguments:\n' +
  '  [INPUT]\n' +
  '          The first question to ask\n' +
  '\n' +
  'Options:\n' +
  '      --agent <AGENT>\n' +
  '          Context profile to use\n' +
  '\n' +
  '      --model <MODEL>\n' +
  '          Current model to use\n' +
  '\n' +
  '  -a, --trust-all-tools\n' +
  '          Allows the model to use any tool without asking for confirmation\n' +
  '\n' +
  '      --require-mcp-startup\n' +
  '          Require all enabled MCP servers to start successfully\n' +
  '\n' +
  '      --legacy-ui\n' +
  '          Use the legacy harness\n' +
  '\n' +
  '      --agent-engine <ENGINE>\n' +
  '          Agent engine to use: "v1", "v2" (default), or "v3"\n' +
  '\n' +
  '          [possible values: v2, v1, v3]\n' +
  '\n' +
  '  -v, --verbose...\n' +
  '          Increase logging verbosity\n' +
  '\n' +
  '      --v3\n' +
  '          Launch the next generation Kiro agent\n';
