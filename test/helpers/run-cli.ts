import { spawnSync } from 'node:child_process';
import { CLI, REPO_ROOT } from './paths.ts';

/** Runs the real `firedrill` bin as a user would, and returns its exit code and output. */
export function runCli(
  args: string[], opts: { cwd?: string; entry?: string; nodeArgs?: string[]; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): { code: number; stdout: string; stderr: string } {
  const argv = [...(opts.nodeArgs ?? []), opts.entry ?? CLI, ...args];
  const res = spawnSync(process.execPath, argv, { cwd: opts.cwd ?? REPO_ROOT, encoding: 'utf8', timeout: opts.timeoutMs ?? 240_000, env: opts.env ?? process.env });
  return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}
