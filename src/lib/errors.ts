import type {Outcome} from './outcomes.js';

/** Base of every error kiro-x raises on purpose: it carries the outcome (hence the exit code) and a next step. */
export class KiroXError extends Error {
  readonly outcome: Outcome;
  readonly suggestions: string[];

  constructor(message: string, outcome: Outcome, suggestions: string[] = []) {
    super(message);
    this.name = new.target.name;
    this.outcome = outcome;
    this.suggestions = suggestions;
  }
}

/** kiro-x rejected its own input: a flag, a config key, a file. Exit 2. */
export class UsageError extends KiroXError {
  constructor(message: string, suggestions: string[] = []) {
    super(message, 'usage_error', suggestions);
  }
}

/** The kiro-cli binary could not be found or started. Exit 6. */
export class CliNotFoundError extends KiroXError {
  /** The name or path kiro-x tried to run, so the next step can tell a wrong path from a missing install. */
  readonly cliPath: string | undefined;

  constructor(message: string, suggestions: string[] = [], cliPath?: string) {
    super(message, 'cli_not_found', suggestions);
    this.cliPath = cliPath;
  }
}

/** No usable credential: kiro-cli would fail or wait for a browser login. Exit 5. */
export class AuthError extends KiroXError {
  constructor(message: string, suggestions: string[] = []) {
    super(message, 'auth_failed', suggestions);
  }
}

/** A named agent could not be found or read. Exit 4. */
export class AgentNotFoundError extends KiroXError {
  constructor(message: string, suggestions: string[] = []) {
    super(message, 'agent_not_found', suggestions);
  }
}
