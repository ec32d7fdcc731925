import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import type { ComponentRecord } from './cluster-state.ts';
import type { ControlPlaneBinary } from './control-plane-binaries.ts';

/** A component started by this process: its record, plus the handle for exit events. */
export interface StartedComponent {
  record: ComponentRecord;
  child: ChildProcess;
}

/**
 * Starts a program detached in its own process group (so `cluster down` from another process can
 * stop it and whatever it forks), stdout and stderr into its log file; it outlives `cluster up`.
 */
export function spawnComponent(binary: ControlPlaneBinary, path: string, args: string[], log: string): StartedComponent {
  const fd = openSync(log, 'a');
  try {
    const child = spawn(path, args, { detached: true, stdio: ['ignore', fd, fd], env: componentEnv() });
    if (child.pid === undefined) throw new Error(`${binary} did not start`);
    child.unref();
    // A spawn error (ENOENT, EACCES) comes as an event; the exit check reports it.
    child.on('error', () => {});
    return { record: { binary, pid: child.pid, startTicks: readStartTicks(child.pid) ?? 0, log }, child };
  } finally {
    closeSync(fd);
  }
}

// The controllers read KUBECONFIG and proxies from the environment: they must talk to this
// cluster only, directly over loopback.
function componentEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ['KUBECONFIG', 'HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'ALL_PROXY', 'all_proxy']) delete env[key];
  return env;
}

/** Field 22 of /proc/PID/stat (start time in clock ticks since boot); undefined when the pid is gone. */
export function readStartTicks(pid: number): number | undefined {
  const stat = readProcStat(pid);
  return stat ? Number(stat.fields[19]) : undefined;
}

/** True while the recorded process runs: same pid and start time, and not a zombie. */
export function isComponentAlive(record: Pick<ComponentRecord, 'pid' | 'startTicks'>): boolean {
  const stat = readProcStat(record.pid);
  if (!stat || stat.state === 'Z' || stat.state === 'X') return false;
  return record.startTicks === 0 || Number(stat.fields[19]) === record.startTicks;
}

// After the ")" that ends the command name: state is field 3, then fields 4... (so starttime, field 22, is index 19).
function readProcStat(pid: number): { state: string; fields: string[] } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: rest[0], fields: rest };
}

/** The last lines of a component's log, for error messages. */
export function readLogTail(log: string, lines = 8): string {
  try {
    return readFileSync(log, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Stops a component and its process group: SIGTERM, then SIGKILL after `graceMs`. Resolves once
 * it is gone. A record whose pid now belongs to another program is left alone.
 */
export async function stopComponent(record: ComponentRecord, graceMs = 5000): Promise<void> {
  if (!isComponentAlive(record)) return;
  signalGroup(record.pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isComponentAlive(record) && Date.now() < deadline) await pause(50);
  if (isComponentAlive(record)) {
    signalGroup(record.pid, 'SIGKILL');
    while (isComponentAlive(record)) await pause(20);
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
