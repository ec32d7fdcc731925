import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDistBuilt } from '../../helpers/dist-build.ts';
import { BIN, REPO_ROOT } from '../../helpers/paths.ts';
import { runCli } from '../../helpers/run-cli.ts';

/**
 * `firedrill run` starts node again with a 64 MB semi-space (bin/young-generation.js): the flag
 * reaches the process that runs the drill, the exit code and a termination pass through, and no
 * other command pays for a second node.
 */
const RECORD = resolve(REPO_ROOT, 'test/fixtures/exec-argv/record.cjs');
type Started = { pid: number; execArgv: string[]; argv: string[] };

let dir: string;
beforeAll(async () => {
  ensureDistBuilt();
  dir = await mkdtemp(join(tmpdir(), 'firedrill-relaunch-'));
}, 300_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

function recording(name: string): { file: string; env: NodeJS.ProcessEnv; read: () => Promise<Started[]> } {
  const file = join(dir, `${name}.jsonl`);
  const env = { ...process.env, NODE_OPTIONS: `--require ${RECORD}`, FIREDRILL_EXEC_ARGV_FILE: file };
  const read = async (): Promise<Started[]> => (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Started);
  return { file, env, read };
}

describe('firedrill run relaunches node with a larger young generation', () => {
  it('runs the drill in a second node started with the flag, and exits with its code', async () => {
    const rec = recording('run');
    const r = runCli(['run', 'error-spike', '--stack', 'l0', '--seed', '1', '--out', join(dir, 'out')], { entry: BIN, env: rec.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('error-spike');
    const started = await rec.read();
    expect(started.map((s) => s.execArgv.includes('--max-semi-space-size=64'))).toEqual([false, true]);
    expect(started[1].argv).toEqual(started[0].argv);

    const bad = recording('bad');
    const missing = runCli(['run', join(dir, 'no-such-scenario.yaml')], { entry: BIN, env: bad.env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no-such-scenario\.yaml/);
    expect(await bad.read()).toHaveLength(2);
  }, 120_000);

  it('starts one node only for other commands', async () => {
    const rec = recording('list');
    expect(runCli(['list'], { entry: BIN, env: rec.env }).code).toBe(0);
    expect(await rec.read()).toHaveLength(1);
  }, 60_000);

  it('passes a termination on to the drill and ends by it', async () => {
    const rec = recording('term');
    const child = spawn(process.execPath, [BIN, 'run', 'scenarios/suites/maturity.yaml', '--jobs', '1', '--out', join(dir, 'term')], { cwd: REPO_ROOT, env: rec.env, stdio: 'ignore' });
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
    // Wait until the second node is up, then terminate the first one only.
    let started: Started[] = [];
    for (let i = 0; i < 200 && started.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
      started = await rec.read().catch(() => []);
    }
    expect(started).toHaveLength(2);
    child.kill('SIGTERM');
    const how = await ended;
    expect(how.signal === 'SIGTERM' || how.code !== 0).toBe(true);
    const alive = (pid: number): boolean => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 100 && alive(started[1].pid); i++) await new Promise((r) => setTimeout(r, 100));
    expect(alive(started[1].pid)).toBe(false);
  }, 60_000);
});
