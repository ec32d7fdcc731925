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

/**
 * Brings stdout and stderr errors inside the boundary. Node emits them as 'error' events, which
 * unhandled print a stack trace and exit 1. A reader that went away (`firedrill list | head -2`,
 * EPIPE) is not an error: the stream is already destroyed, so later writes are dropped, and the
 * command finishes with the exit code it would have had. Anything else is reported like any
 * error (on stderr, unless stderr itself failed).
 */
export function guardOutputStreams(debug: boolean, streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') return;
      const code = reportError(err, debug, stream === process.stderr ? () => {} : undefined);
      process.exitCode = Math.max(Number(process.exitCode ?? 0), code);
    });
  }
}
