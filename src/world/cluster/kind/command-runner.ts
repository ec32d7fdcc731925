import { InfraError } from '../../../util/errors.ts';

/**
 * How the kind path runs programs (kind, kubectl, docker): one injectable function, so the command
 * plan is tested by recording calls, and execa (pinned 9.6.1: 10.x crashes on Node 20) runs them
 * for real. execa is imported on first use.
 */
export interface CommandSpec {
  command: string;
  args: string[];
  /** Text for stdin (a manifest for `kubectl apply -f -`). */
  input?: string;
  cwd?: string;
  /** Killed after this long; the step then fails saying it timed out. */
  timeoutMs: number;
}

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export type CommandRunner = (spec: CommandSpec) => Promise<CommandResult>;

export async function createExecaRunner(): Promise<CommandRunner> {
  const { execa } = await import('execa');
  return async (spec) => {
    const r = await execa(spec.command, spec.args, {
      input: spec.input, cwd: spec.cwd, timeout: spec.timeoutMs, reject: false, stripFinalNewline: true, env: { ...process.env },
    });
    return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), timedOut: r.timedOut === true };
  };
}

/** `kind create cluster --name x`, for messages. */
export function formatCommand(spec: Pick<CommandSpec, 'command' | 'args'>): string {
  return [spec.command, ...spec.args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))].join(' ');
}

/** Runs a step; a timeout or a non-zero exit is an InfraError naming the step, the command and the end of its output. */
export async function runOrFail(run: CommandRunner, title: string, spec: CommandSpec): Promise<CommandResult> {
  const r = await run(spec);
  if (r.timedOut) {
    throw new InfraError(`${title}: timed out after ${Math.round(spec.timeoutMs / 1000)} s (${formatCommand(spec)})`, { hint: lastLines(r) || 'raise the timeout, or look at the cluster with --keep' });
  }
  if (r.exitCode !== 0) throw new InfraError(`${title} failed (exit ${r.exitCode}): ${formatCommand(spec)}`, { hint: lastLines(r) || undefined });
  return r;
}

/** The last lines of what a command printed, for an error message. */
export function lastLines(r: CommandResult, n = 5): string {
  return (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-n).join('\n');
}
