import { spawnSync } from 'node:child_process';
import { ensureDistBuilt } from '../helpers/dist-build.ts';
import { BIN, CLI } from '../helpers/paths.ts';

const RUNS = 5;
const TARGET_S = 0.3;

/**
 * Start-up wall time of the `firedrill` bin (compiled dist/, lazy commands) for `--help` and
 * `list`, median of 5, beside bare `node -e 0` on the same machine at the same moment, and the
 * sources under tsx (the development entry) for comparison.
 */
export async function benchCliStart(): Promise<void> {
  const { rebuilt } = ensureDistBuilt();
  console.log(`\nCLI start (median of ${RUNS} wall times${rebuilt ? `; built dist/ first: ${rebuilt}` : ''})`);
  const rows: [string, string[]][] = [
    ['node -e 0', ['-e', '0']],
    ['firedrill --help', [BIN, '--help']],
    ['firedrill list', [BIN, 'list']],
    ['firedrill --help (sources under tsx)', [CLI, '--help']],
    ['firedrill list (sources under tsx)', [CLI, 'list']],
  ];
  // On a shared machine node's own start moves with the load: the time over it is the CLI's part.
  let base = 0;
  for (const [label, args] of rows) {
    const s = measureMedianSeconds(args);
    if (args[0] === '-e') base = s;
    const over = base && args[0] !== '-e' ? ` (+${(s - base).toFixed(3)} s over node -e 0)` : '';
    const verdict = label.startsWith('firedrill') && !label.includes('tsx') ? (s < TARGET_S ? `  target < ${TARGET_S} s: met` : `  target < ${TARGET_S} s: NOT met`) : '';
    console.log(`  ${label.padEnd(38)} ${s.toFixed(3)} s${over}${verdict}`);
  }
}

function measureMedianSeconds(args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const res = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    times.push((performance.now() - started) / 1000);
    if (res.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${res.status}: ${res.stderr}`);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}
