import {Args, Command, Flags, loadHelpClass} from '@oclif/core';

/**
 * `kiro-x help [COMMAND]`: the help of a command or topic, as `--help` shows it. The command @oclif/plugin-help
 * provides, kept in kiro-x so that oclif has no plugin to find and read on every start.
 */
export default class Help extends Command {
  static override description = 'Display help for <%= config.bin %>.';
  static override examples = ['<%= config.bin %> help batch report'];
  static override strict = false;
  static override args = {
    command: Args.string({description: 'Command to show help for.', required: false}),
  };
  static override flags = {
    'nested-commands': Flags.boolean({char: 'n', description: 'Include all nested commands in the output.'}),
  };

  public async run(): Promise<void> {
    const {argv, flags} = await this.parse(Help);
    const HelpClass = await loadHelpClass(this.config);
    await new HelpClass(this.config, {all: flags['nested-commands']}).showHelp(argv as string[]);
  }
}
