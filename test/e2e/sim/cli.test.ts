import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, REPO_ROOT } from '../../helpers/paths.ts';
import { runCli } from '../../helpers/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'firedrill-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('firedrill CLI', () => {
  it('lists the built-in scenarios and stacks with a description each', () => {
    const res = runCli(['list']);
    expect(res.code).toBe(0);
    for (const name of ['error-spike', 'latency-stall', 'dependency-cascade', 'good-deploy', 'l0']) expect(res.stdout).toMatch(new RegExp(`\\n  ${name}\\s+\\S`));
  }, 30_000);

  it('explains a missing scenario in one line with a hint, exit 2, no stack trace', () => {
    const res = runCli(['run', 'scenarios/nope.yaml']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^error: .*nope\.yaml: no such file\nhint: /);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  }, 30_000);

  it('refuses an invalid scenario before running anything, listing every problem', () => {
    const res = runCli(['run', 'test/fixtures/invalid/unknown-service.yaml']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('unknown-service.yaml:13:14 spec.deploy.service: unknown service "chekout"');
  }, 30_000);

  it('says clearly what the kind backend lacks here (exit 3: infrastructure)', () => {
    const res = runCli(['run', 'good-deploy', '--backend', 'kind']);
    expect(res.code).toBe(3);
    // Without kind (or docker, kubectl) on PATH, what is missing; with all three and no cluster, how to make one.
    expect(res.stderr).toMatch(/the kind backend needs [a-z, ]+, not found on PATH|no kind cluster named "firedrill"/);
  }, 30_000); // a CLI start takes 5-8 s on a loaded 2-core machine: past vitest's default 5 s

  it('a cluster that is not up is an infrastructure error naming `firedrill cluster up`', () => {
    const res = runCli(['run', 'good-deploy', '--stack', 'l1', '--cluster', 'absent-for-cli-test']);
    expect(res.code).toBe(3);
    expect(res.stderr).toContain('no local control plane named "absent-for-cli-test" is up');
    expect(res.stderr).toContain('firedrill cluster up --name absent-for-cli-test');
  }, 30_000);

  it('repeats with consecutive seeds, one folder per run, a summary table and the suite reports', () => {
    const out = join(dir, 'repeat');
    const res = runCli(['run', 'good-deploy', '--repeat', '2', '--seed', '5', '--out', out]);
    expect(res.code, res.stderr).toBe(0);
    const runs = readdirSync(out).filter((f) => f.startsWith('good-deploy-')).sort();
    expect(runs).toEqual(['good-deploy-l0-sim-s5', 'good-deploy-l0-sim-s6']);
    expect(readdirSync(out).filter((f) => !runs.includes(f)).sort()).toEqual(['junit.xml', 'report.html', 'report.md', 'runs.jsonl', 'suite.json']);
    expect(res.stdout).toContain('2/2 runs passed');
    expect(res.stdout).toContain('✔ pass: rate == 1');
    const result = JSON.parse(readFileSync(join(out, runs[0], 'result.json'), 'utf8'));
    expect(result.scorecard.verdict).toBe('pass');
    expect(result.seed).toBe(5);
  }, 60_000);

  it('runs every scenario at each --stack given', () => {
    const out = join(dir, 'stacks');
    const res = runCli(['run', 'good-deploy', '--stack', 'l0', '--stack', 'l1-error-rate', '--out', out]);
    expect(res.code, res.stderr).toBe(0);
    expect(readdirSync(out).filter((r) => r.startsWith('good-deploy-')).sort()).toEqual(['good-deploy-l0-sim-s1', 'good-deploy-l1-error-rate-sim-s1']);
  }, 60_000);

  it('takes --expect and --reporter for ad-hoc runs: a failed expectation exits 1', () => {
    const out = join(dir, 'expect');
    const res = runCli(['run', 'good-deploy', '--out', out, '--expect', 'blastRadius.share: max < 0%', '--reporter', 'console,junit']);
    expect(res.code, res.stderr).toBe(1);
    expect(res.stdout).toContain('✘ blastRadius.share: max < 0%');
    expect(readdirSync(out).sort()).toEqual(['junit.xml', 'result.json', 'timeline.jsonl', 'truth.jsonl']);
    const bad = runCli(['run', 'good-deploy', '--expect', 'fdrt p90 5m']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: --expect "fdrt p90 5m": unknown metric/);
    const reporter = runCli(['run', 'good-deploy', '--reporter', 'console,pdf']);
    expect(reporter.code).toBe(2);
    expect(reporter.stderr).toMatch(/unknown reporter "pdf"/);
  }, 60_000);

  it('stops cleanly on SIGINT: exit 3, and its temp workspace is gone', async () => {
    // A temp folder of its own: other test files running beside this one make workspaces too.
    const tmp = mkdtempSync(join(tmpdir(), 'fd-sigint-'));
    const child = spawn(process.execPath, [CLI, 'run', 'dependency-cascade', '--out', join(dir, 'int')], { cwd: REPO_ROOT, env: { ...process.env, TMPDIR: tmp } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (stdout.includes('▶')) {
          clearInterval(timer);
          setTimeout(() => { child.kill('SIGINT'); resolve(); }, 1500);
        }
      }, 50);
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(3);
    expect(stderr).toMatch(/interrupted/);
    expect(readdirSync(tmp).filter((f) => f.startsWith('firedrill-'))).toEqual([]);
    expect(existsSync(join(dir, 'int', 'result.json'))).toBe(false);
  }, 60_000);
});

describe('firedrill run --serve-api', () => {
  it("serves the run's series on a Prometheus-compatible API until Ctrl-C", async () => {
    const child = spawn(process.execPath, [CLI, 'run', 'good-deploy', '--serve-api', '0', '--out', join(dir, 'serve')], { cwd: REPO_ROOT });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const m = /Serving the last run's metrics at (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
        if (m) {
          clearInterval(timer);
          resolve(m[1]);
        }
      }, 50);
      child.on('exit', () => reject(new Error(`exited early: ${stderr}`)));
    });
    const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent('sum by (service) (http_requests_total{service="frontend"})')}`);
    const body = (await res.json()) as { status: string; data: { resultType: string; result: { value: [number, string] }[] } };
    expect(body.status).toBe('success');
    expect(body.data.resultType).toBe('vector');
    // 50 requests/s over the 35-minute drill, at the run's (virtual) end time
    expect(Number(body.data.result[0].value[1])).toBeGreaterThan(100_000);
    expect(body.data.result[0].value[0]).toBe(2100);
    child.kill('SIGINT');
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(0);
  }, 60_000);
});
