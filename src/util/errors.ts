/**
 * One error base class for everything a user can be told about. The CLI is the only place that
 * prints errors: it shows `message`, then `hint`, and exits with `exitCode`.
 * Exit codes (DESIGN.md): 0 pass, 1 expectations failed, 2 invalid input, 3 infrastructure.
 */
export type ExitCode = 1 | 2 | 3;

export class FiredrillError extends Error {
  readonly hint?: string;
  readonly exitCode: ExitCode;
  constructor(message: string, opts: { hint?: string; exitCode?: ExitCode; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.hint = opts.hint;
    this.exitCode = opts.exitCode ?? 2;
  }
}

/** Bad input from the user: a file, a flag, a query. Exit 2. */
export class UserInputError extends FiredrillError {
  constructor(message: string, opts: { hint?: string; cause?: unknown } = {}) {
    super(message, { ...opts, exitCode: 2 });
  }
}

/** Something outside the user's input failed: a process, a port, a binary. Exit 3. */
export class InfraError extends FiredrillError {
  constructor(message: string, opts: { hint?: string; cause?: unknown } = {}) {
    super(message, { ...opts, exitCode: 3 });
  }
}

/** One problem in a config file, located by its YAML path and (when known) line:column. */
export interface ConfigIssue {
  file?: string;
  path: string;
  line?: number;
  column?: number;
  message: string;
  hint?: string;
}

/** All problems of one or more config files, reported at once. */
export class ConfigError extends FiredrillError {
  readonly issues: ConfigIssue[];
  constructor(issues: ConfigIssue[], hint?: string) {
    super(issues.map(formatConfigIssue).join('\n'), { hint, exitCode: 2 });
    this.issues = issues;
  }
}

export function formatConfigIssue(issue: ConfigIssue): string {
  const where = [issue.file, issue.line, issue.column].filter((p) => p !== undefined).join(':');
  const head = where ? `${where} ` : '';
  const hint = issue.hint ? ` (${issue.hint})` : '';
  return `${head}${issue.path || '<root>'}: ${issue.message}${hint}`;
}
