import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffFolders } from '../helpers/folder-files.ts';
import { BIN, REPO_ROOT } from '../helpers/paths.ts';

const SUITE = 'scenarios/suites/maturity.yaml';

/**
 * The maturity suite (every built-in scenario at L0 and both L1 stacks, seeds 1-3) through the
 * package's bin with --jobs 1 and --jobs 2, in this one run: wall times, their ratio, whether the
 * per-run files and suite.json are byte-identical, and the machine's load around each (the bench
 * shares its cores with whatever else runs). Issue 17's target: --jobs 2 under 30 s.
 */
export async function benchSuiteJobs(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'fd-bench-jobs-'));
  try {
    const walls: Record<number, number> = {};
    for (const jobs of [1, 2]) {
      const load = loadavg()[0];
      const out = join(root, `jobs-${jobs}`);
      const cpuBefore = childrenCpuSeconds();
      const started = performance.now();
      const res = spawnSync(process.execPath, [BIN, 'run', SUITE, '--jobs', String(jobs), '--out', out, '--reporter', 'files,json'], { cwd: REPO_ROOT, encoding: 'utf8' });
      walls[jobs] = (performance.now() - started) / 1000;
      const cpu = childrenCpuSeconds() - cpuBefore;
      const suite = res.status === 0 || res.status === 1 ? (JSON.parse(readFileSync(join(out, 'suite.json'), 'utf8')) as { runs: unknown[] }) : undefined;
      const cpuText = Number.isNaN(cpu) ? '' : `, ${cpu.toFixed(1)} CPU s (${(cpu / walls[jobs]).toFixed(2)} cores busy)`;
      console.log(`maturity suite --jobs ${jobs}: ${walls[jobs].toFixed(1)} s wall${cpuText}, ${suite?.runs.length ?? 0} runs, exit ${res.status}; load avg before ${load.toFixed(2)}, after ${loadavg()[0].toFixed(2)} on ${availableParallelism()} cores${res.status === 0 || res.status === 1 ? '' : `\n${res.stderr}`}`);
    }
    const differing = diffFolders(join(root, 'jobs-1'), join(root, 'jobs-2'), (f) => f !== 'runs.jsonl');
    console.log(`  --jobs 2 / --jobs 1 wall: ${(walls[2] / walls[1]).toFixed(2)} (target: --jobs 2 under 30 s); per-run files and suite.json ${differing.length ? `DIFFER: ${differing.slice(0, 5).join(', ')}` : 'byte-identical'}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * CPU time (user + system) of this process's finished children, from /proc (Linux): with the
 * wall time it says whether a suite was short of cores or waiting. NaN elsewhere.
 */
function childrenCpuSeconds(): number {
  try {
    // Fields after the command's closing parenthesis; cutime and cstime are the 14th and 15th there.
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) / clockTicks();
  } catch {
    return Number.NaN;
  }
}

let ticks: number | undefined;
function clockTicks(): number {
  ticks ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  return ticks;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSuiteJobs();
