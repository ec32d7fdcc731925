import { spawn, type ChildProcess } from 'node:child_process';
import { InfraError } from './errors.ts';

/**
 * One run of a program to its end (an agent's executable, a test file): no shell, the environment
 * it is given and no other, a time limit, a stop signal and bounded output. Long-lived processes
 * (services, Prometheus, k6, control-plane components) have a start/stop life and are not this.
 */
export interface ChildProcessSpec {
  command: string;
  args: string[];
  /** Its whole environment: nothing of the harness's own is passed unless it is in here. */
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Written to its stdin, which is then closed; without it stdin is /dev/null. */
  input?: string;
  /** Killed after this long (a program that hangs). Without it only `signal` stops it. */
  timeoutMs?: number;
  /** Killed at once when this aborts (or already has). */
  signal?: AbortSignal;
  /**
   * stdout is kept whole up to this many characters; past it the program is killed and
   * `stdoutTooBig` says so (a runaway must not fill the harness's memory). Without it stdout is
   * not kept on its own.
   */
  maxStdout?: number;
  /** How many characters of the end of stderr to keep (none without it). */
  stderrTail?: number;
  /** How many characters of the end of stdout and stderr interleaved as they came (what a terminal showed) to keep. */
  outputTail?: number;
}

export interface ChildProcessResult {
  /** null when it was killed. */
  exitCode: number | null;
  /** The signal that ended it, when one did. */
  signal: NodeJS.Signals | null;
  /** All of stdout (with maxStdout; else empty); what fit when it ran away. */
  stdout: string;
  /** The last stderrTail characters of stderr. */
  stderr: string;
  /** The last outputTail characters of both streams, interleaved. */
  output: string;
  timedOut: boolean;
  aborted: boolean;
  stdoutTooBig: boolean;
}

/** How callers run a program: injectable, so tests check the arguments, environment and outcomes without the program. */
export type ChildProcessRunner = (spec: ChildProcessSpec) => Promise<ChildProcessResult>;

/** The program could not be started at all (not found, not executable, invalid arguments). */
export class ChildProcessStartError extends InfraError {
  readonly command: string;
  /** The system's error code (ENOENT, EACCES), when it gave one. */
  readonly code?: string;
  /** The system's own words, without the command in front. */
  readonly reason: string;
  constructor(command: string, cause: Error) {
    super(`cannot start ${command}: ${cause.message}`, { cause });
    this.command = command;
    this.code = (cause as NodeJS.ErrnoException).code;
    this.reason = cause.message;
  }
}

/**
 * Runs a program in its own process group and kills the whole group (SIGKILL, which cannot be
 * ignored) on timeout, abort or runaway stdout, so a helper it started cannot outlive it.
 * Resolves with how it ended, whatever that was; rejects (ChildProcessStartError) only when it
 * cannot be started.
 */
export const runChildProcess: ChildProcessRunner = (spec) =>
  new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, stdio: [spec.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], detached: true });
    } catch (err) {
      reject(new ChildProcessStartError(spec.command, err as Error));
      return;
    }
    const result = { stdout: '', stderr: '', output: '', timedOut: false, aborted: false, stdoutTooBig: false };
    const killGroup = (): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    collectOutput(child, spec, result, killGroup);
    const timer = spec.timeoutMs === undefined ? undefined : setTimeout(() => {
      result.timedOut = true;
      killGroup();
    }, spec.timeoutMs);
    const onAbort = (): void => {
      result.aborted = true;
      killGroup();
    };
    if (spec.signal?.aborted) onAbort();
    else spec.signal?.addEventListener('abort', onAbort, { once: true });
    if (spec.input !== undefined) {
      child.stdin!.on('error', () => {}); // a program that never reads its stdin is not the harness's error
      child.stdin!.end(spec.input);
    }
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      spec.signal?.removeEventListener('abort', onAbort);
      return true;
    };
    // A failed start emits 'error' and then 'close': the first one decides.
    child.on('error', (err) => {
      if (settle()) reject(new ChildProcessStartError(spec.command, err));
    });
    child.on('close', (exitCode, signal) => {
      if (settle()) resolve({ exitCode, signal, ...result });
    });
  });

type Kept = Pick<ChildProcessResult, 'stdout' | 'stderr' | 'output' | 'stdoutTooBig'>;

function collectOutput(child: ChildProcess, spec: ChildProcessSpec, kept: Kept, killGroup: () => void): void {
  const keepOutput = (chunk: string): void => {
    if (spec.outputTail) kept.output = (kept.output + chunk).slice(-spec.outputTail);
  };
  // utf8 decoding on the stream: a character split across two chunks stays whole.
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    keepOutput(chunk);
    if (spec.maxStdout === undefined || kept.stdoutTooBig) return;
    if (kept.stdout.length + chunk.length > spec.maxStdout) {
      kept.stdoutTooBig = true;
      killGroup();
    } else kept.stdout += chunk;
  });
  child.stderr!.on('data', (chunk: string) => {
    keepOutput(chunk);
    if (spec.stderrTail) kept.stderr = (kept.stderr + chunk).slice(-spec.stderrTail);
  });
}
