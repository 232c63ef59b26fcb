import {BaseCommand} from '../cli/base-command.js';

/** `kiro-x version`: the same line as `--version` and `-v`, for people who type it as a word. */
export default class Version extends BaseCommand {
  static override summary = 'Print the kiro-x version, platform and Node.js version.';
  static override examples = ['<%= config.bin %> version'];

  public async run(): Promise<void> {
    await this.parse(Version);
    this.log(this.config.userAgent);
  }
}
