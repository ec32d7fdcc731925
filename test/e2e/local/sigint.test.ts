import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findExecutable } from '../../../src/util/find-executable.ts';
import { CLI, REPO_ROOT } from '../../helpers/paths.ts';
import { commandOf, isAlive, isPortFree, listDescendants, listeningPorts } from './process-tree.ts';

const STACK = existsSync(join(REPO_ROOT, 'scenarios/stacks/l1.yaml')) ? 'l1' : 'l0';
const SCALE = 20;
const PROMETHEUS = findExecutable('prometheus');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const CASES = [
  { signal: 'SIGINT' as const, prometheus: 'auto', what: PROMETHEUS ? 'with Prometheus' : 'embedded scraper: no prometheus binary' },
  { signal: 'SIGTERM' as const, prometheus: 'off', what: 'embedded scraper' },
];

describe.skipIf(process.platform !== 'linux')(`stopping a local run from outside, mid-analysis (${STACK}, --time-scale ${SCALE})`, () => {
  it.concurrent.each(CASES)('$signal ($what) leaves no child process, no listening port and no temp dir behind', async ({ signal, prometheus }) => {
    // The run's own TMPDIR: every temp dir it makes (workspace, Prometheus data) lands here.
    const tmp = await mkdtemp(join(tmpdir(), 'firedrill-sigint-'));
    const runTmp = join(tmp, 'tmp');
    await mkdir(runTmp);
    try {
      const cli = spawn(process.execPath, [CLI, 'run', 'error-spike', '--stack', STACK, '--backend', 'local', '--time-scale', String(SCALE), '--prometheus', prometheus, '--out', join(tmp, 'out')], {
        cwd: REPO_ROOT, env: { ...process.env, TMPDIR: runTmp }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      let stdout = '';
      cli.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      cli.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      const exited = new Promise<number | null>((resolve) => cli.on('exit', (code) => resolve(code)));
      // Wait for the world: five service processes (and Prometheus) under the CLI.
      const expected = PROMETHEUS && prometheus === 'auto' ? 6 : 5;
      let seen: number[] = [];
      for (let i = 0; i < 600 && seen.length < expected; i++) {
        await sleep(100);
        seen = listDescendants(cli.pid!).filter((p) => /service-main|prometheus/.test(commandOf(p)));
      }
      expect(seen.length, stderr).toBeGreaterThanOrEqual(expected);
      // Mid-analysis: the console prints each measurement as it is taken (the first at 6 drill
      // minutes); the bad canary is aborted at the fourth failed one, 1.5 drill minutes later.
      for (let i = 0; i < 900 && !/analysis \S+: /.test(stdout); i++) await sleep(100);
      expect(stdout, stderr).toMatch(/analysis \S+: /);
      const pids = listDescendants(cli.pid!);
      const ports = listeningPorts([cli.pid!, ...pids]);
      expect(ports.length).toBeGreaterThanOrEqual(expected + 4); // 5 processes (+ Prometheus) + 4 routers
      cli.kill(signal);
      const code = await Promise.race([exited, sleep(30_000).then(() => 'timeout' as const)]);
      expect(code, stderr).toBe(3);
      expect(stderr).toMatch(/interrupted/);
      // The journal so far stays, and shows the run was stopped mid-analysis.
      const journal = (await readFile(join(tmp, 'out', 'timeline.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { type: string; t: number });
      expect(journal.at(-1)?.type).toBe('run.interrupted');
      expect(journal.some((e) => e.type === 'analysis.measurement'), 'no analysis measurement before the signal').toBe(true);
      expect(journal.some((e) => e.type === 'rollout.aborted' || e.type === 'run.finished')).toBe(false);
      console.log(`${signal}: ${pids.length} processes under the CLI, ${ports.length} listening ports; after: ${pids.filter(isAlive).length} alive`);
      expect(pids.filter(isAlive).map(commandOf)).toEqual([]);
      for (const port of ports) expect(await isPortFree(port), `port ${port}`).toBe(true);
      // tsx keeps its compile cache in TMPDIR (tsx-<uid>) on purpose; everything else must be gone.
      expect((await readdir(runTmp)).filter((d) => !d.startsWith('tsx-'))).toEqual([]);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }, 120_000);
});
