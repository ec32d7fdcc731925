import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.ts';

const SUITE = 'scenarios/suites/nightly.yaml';

/**
 * The nightly suite (every built-in scenario x every built-in stack x 10 seeds) on sim, through
 * the CLI as CI runs it, every reporter on: its wall time, the report files it wrote, the verdict
 * and the maturity each stack reached. Too slow for every test run (CI checks a sample); set
 * FIREDRILL_BENCH_OUT to keep the folder (and to --resume it after a stop).
 */
export async function benchNightly(): Promise<void> {
  const out = process.env.FIREDRILL_BENCH_OUT ?? mkdtempSync(join(tmpdir(), 'fd-nightly-'));
  const args = [join(REPO_ROOT, 'bin/firedrill.js'), 'run', SUITE, '--backend', 'sim', '--out', out, '--reporter', 'files,json,junit,markdown,html'];
  const started = performance.now();
  const res = spawnSync(process.execPath, args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const wallS = (performance.now() - started) / 1000;
  if (res.status !== 0 && res.status !== 1) {
    console.log(`nightly suite: exit ${res.status}\n${res.stderr}`);
    return;
  }
  const suite = JSON.parse(readFileSync(join(out, 'suite.json'), 'utf8')) as {
    verdict: string;
    runs: unknown[];
    planned: number;
    scenarios: unknown[];
    stacks: { name: string }[];
    expectations: { id: string; pass: boolean }[];
    maturity: { stack: string; declared: string; reached: string; dora: { tier: string } }[];
  };
  const files = readdirSync(out).filter((f) => statSync(join(out, f)).isFile()).sort();
  console.log(`nightly suite (${SUITE}) on sim: ${suite.runs.length}/${suite.planned} runs (${suite.scenarios.length} scenarios x ${suite.stacks.length} stacks x 10 seeds)`);
  console.log(`  wall ${wallS.toFixed(1)} s (${((wallS * 1000) / suite.runs.length).toFixed(0)} ms per run, --jobs default: one per core), exit ${res.status}, verdict ${suite.verdict}`);
  console.log(`  report files: ${files.map((f) => `${f} ${(statSync(join(out, f)).size / 1024).toFixed(0)} KiB`).join(', ')}`);
  const failed = suite.expectations.filter((e) => !e.pass).map((e) => e.id);
  console.log(`  expectations: ${suite.expectations.length - failed.length}/${suite.expectations.length} held${failed.length ? `; failed: ${failed.join('; ')}` : ''}`);
  console.log(`  maturity: ${suite.maturity.map((m) => `${m.stack} ${m.reached}/${m.declared} (${m.dora.tier})`).join(', ')}`);
  console.log(`  folder: ${out}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchNightly();
