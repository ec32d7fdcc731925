import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Scorecard } from '../../../src/scoring/scorecard.ts';
import { parseJsonl } from '../../../src/timeline/timeline.ts';
import type { TimelineEvent } from '../../../src/timeline/events.ts';
import { CLI, REPO_ROOT } from '../../helpers/paths.ts';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
}

/** Runs the real `firedrill` bin asynchronously (several local drills can run side by side); `stop` sends it SIGINT. */
export function runCliAsync(args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number; stop?: AbortSignal } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGINT'), opts.timeoutMs ?? 600_000);
    // Ctrl-C, as a user stops a drill: the run cleans up what it started.
    opts.stop?.addEventListener('abort', () => child.kill('SIGINT'), { once: true });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, wallMs: performance.now() - started });
    });
  });
}

/** Runs `jobs` with at most `limit` at a time. */
export async function runLimited<T>(limit: number, jobs: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return out;
}

export async function readRunDir(dir: string): Promise<{ scorecard: Scorecard; timeline: TimelineEvent[] }> {
  const result = JSON.parse(await readFile(join(dir, 'result.json'), 'utf8')) as { scorecard: Scorecard };
  const timeline = parseJsonl(await readFile(join(dir, 'timeline.jsonl'), 'utf8'));
  return { scorecard: result.scorecard, timeline };
}
