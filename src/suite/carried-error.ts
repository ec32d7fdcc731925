import { InterruptedError } from '../runner/execute-run.ts';
import { FiredrillError, type ExitCode } from '../util/errors.ts';

/**
 * An error as it crosses from a worker thread to the suite: structured clone keeps an Error's
 * message but not its class, hint or exit code, which the CLI needs to print it and exit right.
 */
export interface CarriedError {
  name: string;
  message: string;
  hint?: string;
  exitCode?: ExitCode;
  stack?: string;
}

export function carryError(err: unknown): CarriedError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const fd = err instanceof FiredrillError ? { hint: err.hint, exitCode: err.exitCode } : {};
  return { name: err.name, message: err.message, stack: err.stack, ...fd };
}

/** The error again on this side: an InterruptedError stays one (a stop, not a failure). */
export function reviveError(c: CarriedError): Error {
  if (c.name === InterruptedError.name) return new InterruptedError();
  const err = c.exitCode === undefined ? new Error(c.message) : new FiredrillError(c.message, { hint: c.hint, exitCode: c.exitCode });
  err.name = c.name;
  if (c.stack) err.stack = c.stack;
  return err;
}
