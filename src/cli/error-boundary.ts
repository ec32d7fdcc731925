import { FiredrillError } from '../util/errors.ts';

/**
 * The one place errors are printed (promptfoo's pattern): a user error is its message and hint,
 * with the exit code its class carries; anything else is an internal error (exit 3), with the
 * stack trace only under --debug.
 */
export function reportError(err: unknown, debug: boolean, write: (text: string) => void = (t) => process.stderr.write(t)): number {
  if (err instanceof FiredrillError) {
    write(`error: ${err.message}\n`);
    if (err.hint) write(`hint: ${err.hint}\n`);
    if (debug && err.stack) write(`${err.stack}\n`);
    return err.exitCode;
  }
  const e = err as Error;
  write(`internal error: ${e?.message ?? String(err)}\n`);
  write(debug && e?.stack ? `${e.stack}\n` : 'hint: run again with --debug for the stack trace, and report it\n');
  return 3;
}
