import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.ts';

/**
 * The sim's speed against an earlier commit, measured in this one run: the same sim-speed bench
 * in a worktree of the reference and in this tree, alternated three times (a shared machine's
 * load moves between rounds, so both see the same drift), best of each, side by side. The
 * default reference is the last commit before the foundations work (clock holds, the runtime
 * core, revisions by commit); FIREDRILL_BENCH_BASE=<ref> picks another, `none` skips.
 */
const DEFAULT_BASE = 'f507944';
const ROUNDS = 3;
/** The scenarios the reference commit had (it benches these four whatever the variable says). */
const COMPARED = ['error-spike', 'latency-stall', 'dependency-cascade', 'good-deploy'];

export async function benchSimAgainstRef(): Promise<void> {
  const base = process.env.FIREDRILL_BENCH_BASE ?? DEFAULT_BASE;
  if (base === 'none') return;
  const resolved = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${base}^{commit}`], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (resolved.status !== 0) {
    console.log(`sim speed against ${base}: skipped (no such commit in this clone; FIREDRILL_BENCH_BASE=<ref> to choose one)`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'fd-bench-base-'));
  const tree = join(dir, 'tree');
  try {
    execFileSync('git', ['worktree', 'add', '--detach', tree, base], { cwd: REPO_ROOT, stdio: 'ignore' });
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(tree, 'node_modules'));
    const driver = join(dir, 'drive.mts');
    writeFileSync(driver, 'const { benchSimSpeed } = await import(process.argv[2]);\nawait benchSimSpeed();\n');
    const best = { base: new Map<string, number>(), head: new Map<string, number>() };
    for (let round = 0; round < ROUNDS; round++) {
      for (const [side, root] of [['base', tree], ['head', REPO_ROOT]] as const) {
        const env = { ...process.env, FIREDRILL_BENCH_SCENARIOS: COMPARED.join(',') };
        const out = execFileSync(join(REPO_ROOT, 'node_modules/.bin/tsx'), [driver, join(root, 'test/bench/sim-speed.ts')], { cwd: root, encoding: 'utf8', env });
        for (const [name, ratio] of parseRatios(out)) best[side].set(name, Math.max(best[side].get(name) ?? 0, ratio));
      }
    }
    console.log(`sim speed against ${base.slice(0, 12)} (before the foundations work), best of ${ROUNDS} alternated rounds`);
    console.log('  scenario              virtual s / wall s   this / base');
    console.log('                         base      this');
    for (const [name, b] of best.base) {
      const h = best.head.get(name);
      if (h === undefined) continue;
      console.log(`  ${name.padEnd(20)} ${b.toFixed(0).padStart(6)}  ${h.toFixed(0).padStart(8)}   ${(h / b).toFixed(2).padStart(6)}`);
    }
  } finally {
    spawnSync('git', ['worktree', 'remove', '--force', tree], { cwd: REPO_ROOT, stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `  error-spike            50     0.812                2217  ...` -> [error-spike, 2217]. */
function parseRatios(out: string): [string, number][] {
  const rows: [string, number][] = [];
  for (const m of out.matchAll(/^ {2}([a-z][\w-]*)\s+\d+\s+[\d.]+\s+(\d+)\s/gm)) rows.push([m[1], Number(m[2])]);
  return rows;
}
