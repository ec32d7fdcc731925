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
