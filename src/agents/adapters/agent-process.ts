import { spawn } from 'node:child_process';

/** One run of an agent's program: no shell, its own environment, a time limit and a stop signal. */
export interface AgentProcessSpec {
  command: string;
  args: string[];
  env: Record<string, string>;
  /** Killed after this long (the program hangs: an API server that never answers). */
  timeoutMs: number;
  /** Aborts when the agent is cut off: the program is killed at once. */
  signal: AbortSignal;
  /** Killed when stdout grows past this (a runaway program must not fill the harness's memory). */
  maxStdoutBytes: number;
}

export interface AgentProcessResult {
  /** null when it was killed. */
  exitCode: number | null;
  stdout: string;
  /** Its last STDERR_TAIL bytes. */
  stderr: string;
  timedOut: boolean;
  aborted: boolean;
  stdoutTooBig: boolean;
}

/** How adapters run a program: injectable, so tests check the arguments, environment and outcomes without the program. */
export type AgentProcessRunner = (spec: AgentProcessSpec) => Promise<AgentProcessResult>;

export const STDERR_TAIL = 4096;

/**
 * Spawns the program in its own process group and kills the whole group (SIGKILL) on timeout,
 * abort or runaway output, so a helper it started cannot outlive it. Rejects only when the
 * program cannot be started at all (not found, not executable).
 */
export const spawnAgentProcess: AgentProcessRunner = (spec) =>
  new Promise((resolve, reject) => {
    const child = spawn(spec.command, spec.args, { env: spec.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    const result = { timedOut: false, aborted: false, stdoutTooBig: false };
    const kill = (): void => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (stdout.length + chunk.length > spec.maxStdoutBytes) {
        result.stdoutTooBig = true;
        kill();
      } else stdout += chunk;
    });
    child.stderr.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-STDERR_TAIL)));
    const timer = setTimeout(() => {
      result.timedOut = true;
      kill();
    }, spec.timeoutMs);
    const onAbort = (): void => {
      result.aborted = true;
      kill();
    };
    if (spec.signal.aborted) onAbort();
    else spec.signal.addEventListener('abort', onAbort, { once: true });
    const settle = (): void => {
      clearTimeout(timer);
      spec.signal.removeEventListener('abort', onAbort);
    };
    child.on('error', (err) => {
      settle();
      reject(err);
    });
    child.on('close', (code) => {
      settle();
      resolve({ exitCode: code, stdout, stderr, ...result });
    });
  });
