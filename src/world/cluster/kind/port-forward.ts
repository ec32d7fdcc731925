import { spawn } from 'node:child_process';
import { InfraError } from '../../../util/errors.ts';
import { formatCommand } from './command-runner.ts';

/** A program that runs until stopped (kubectl port-forward), as the kind world sees it. */
export interface BackgroundProcess {
  /** Every chunk of stdout and stderr, in order. */
  onOutput(listener: (text: string) => void): void;
  /** Settles with the exit code when the program ends (on its own or stopped). */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** Starts a long-running program: injectable, so the kind world's plan is tested by recording calls. */
export type ProcessStarter = (spec: { command: string; args: string[] }) => BackgroundProcess;

export interface KubectlTarget {
  kubeconfig: string;
  context: string;
}

export interface PortForward {
  /** The port on 127.0.0.1 the forward listens on. */
  port: number;
  stop(): Promise<void>;
  /** Settles when kubectl ends; before stop() that is a failure of the run (its traffic or metrics are cut). */
  exited: Promise<number | null>;
}

/**
 * `kubectl port-forward` of a Service on 127.0.0.1 only (--address), at a local port kubectl picks
 * (`:80`): no race for a free port, and the port is read back from kubectl's own line.
 */
export function planPortForward(target: KubectlTarget, namespace: string, service: string, remotePort: number): { command: string; args: string[] } {
  return {
    command: 'kubectl',
    args: ['--kubeconfig', target.kubeconfig, '--context', target.context, '--namespace', namespace, 'port-forward', '--address', '127.0.0.1', `service/${service}`, `:${remotePort}`],
  };
}

const FORWARDING = /Forwarding from 127\.0\.0\.1:(\d+) ->/;

/** Starts a port-forward and waits for kubectl to say where it listens; a kubectl that ends or stays silent fails with its output. */
export async function startPortForward(start: ProcessStarter, spec: { command: string; args: string[] }, timeoutMs: number): Promise<PortForward> {
  const proc = start(spec);
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const fail = (why: string): void => {
      clearTimeout(timer);
      reject(new InfraError(`${formatCommand(spec)} ${why}`, { hint: output.trim().split('\n').slice(-5).join('\n') || 'is the Service there, with a ready pod behind it? kubectl get endpoints' }));
    };
    const timer = setTimeout(() => {
      fail(`did not start forwarding within ${timeoutMs / 1000} s`);
      void proc.stop();
    }, timeoutMs);
    proc.onOutput((text) => {
      output += text;
      const m = FORWARDING.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    void proc.exited.then((code) => fail(`exited (${code}) before forwarding`));
  });
  return { port, stop: () => proc.stop(), exited: proc.exited };
}

/** The real starter: a child process in its own process group, stopped with SIGTERM (SIGKILL after 3 s). */
export const spawnBackgroundProcess: ProcessStarter = (spec) => {
  const child = spawn(spec.command, spec.args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const listeners: ((text: string) => void)[] = [];
  const tell = (chunk: Buffer): void => {
    for (const l of listeners) l(chunk.toString());
  };
  child.stdout.on('data', tell);
  child.stderr.on('data', tell);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(-1));
  });
  return {
    onOutput: (l) => void listeners.push(l),
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(killer);
    },
  };
};
