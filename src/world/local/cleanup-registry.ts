import { spawnSync, type ChildProcess } from 'node:child_process';
import { findExecutable } from '../../util/find-executable.ts';
import { rmSync } from 'node:fs';

/**
 * Last-resort cleanup: every child process and temp dir a local world starts is listed here, and
 * a process 'exit' handler kills and removes whatever is still listed, synchronously (nothing
 * async runs in an exit handler). Normal stops unlist things as they clean them up.
 */
const children = new Set<ChildProcess>();
const dirs = new Set<string>();
const containers = new Set<string>();
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', () => {
    for (const child of children) killNow(child);
    removeContainersNow();
    for (const dir of dirs) {
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch {
        // Exiting anyway; nothing better to do with the error.
      }
    }
  });
}

export function trackChild(child: ChildProcess): void {
  install();
  children.add(child);
  child.once('exit', () => children.delete(child));
}

/**
 * A container to remove if the process exits before its normal stop. Ryuk (testcontainers' own
 * reaper) does that where a registry serves its image; without one it is disabled, and this is
 * what is left: the docker CLI, synchronously, when it is installed.
 */
export function trackContainer(id: string): void {
  install();
  containers.add(id);
}

export function untrackContainer(id: string): void {
  containers.delete(id);
}

function removeContainersNow(): void {
  const docker = containers.size > 0 ? findExecutable('docker') : undefined;
  if (docker) spawnSync(docker, ['rm', '--force', ...containers], { stdio: 'ignore', timeout: 10_000 });
}

export function trackDir(dir: string): void {
  install();
  dirs.add(dir);
}

export function untrackDir(dir: string): void {
  dirs.delete(dir);
}

/** SIGKILL, ignoring a process that is already gone. */
export function killNow(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    child.kill('SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Asks a child to exit (`ask`), waits for it, and kills it if it has not exited after `graceMs`. */
export async function stopGracefully(child: ChildProcess, ask: () => void, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  ask();
  const timer = setTimeout(() => killNow(child), graceMs);
  await exited;
  clearTimeout(timer);
}

/** How many tracked children are still running (tests check that a stop leaves none). */
export function countLiveChildren(): number {
  return children.size;
}
