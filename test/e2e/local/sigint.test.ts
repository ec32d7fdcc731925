import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findExecutable } from '../../../src/world/local/find-executable.ts';
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
      cli.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((resolve) => cli.on('exit', (code) => resolve(code)));
      // Wait for the world: five service processes (and Prometheus) under the CLI.
      const expected = PROMETHEUS && prometheus === 'auto' ? 6 : 5;
      let seen: number[] = [];
      for (let i = 0; i < 600 && seen.length < expected; i++) {
        await sleep(100);
        seen = listDescendants(cli.pid!).filter((p) => /service-main|prometheus/.test(commandOf(p)));
      }
      expect(seen.length, stderr).toBeGreaterThanOrEqual(expected);
      // Mid-analysis: the deploy is at 5 virtual minutes, analysis measures from a minute later.
      await sleep(((300_000 + 100_000) / SCALE));
      const pids = listDescendants(cli.pid!);
      const ports = listeningPorts([cli.pid!, ...pids]);
      expect(ports.length).toBeGreaterThanOrEqual(expected + 4); // 5 processes (+ Prometheus) + 4 routers
      cli.kill(signal);
      const code = await Promise.race([exited, sleep(30_000).then(() => 'timeout' as const)]);
      expect(code, stderr).toBe(3);
      expect(stderr).toMatch(/interrupted/);
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
