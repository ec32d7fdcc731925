// The README's condensed outcome matrix from a suite folder: `npx tsx test/bench/outcome-matrix.ts
// DIR [SEED]` prints one markdown row per scenario (bad deploys, then controls) and one column per
// stack, each cell from that run's result.json: caught/missed (or ok / FALSE ROLLBACK on a good
// deploy), who rolled back (R the rollout controller, H the on-call), TTD/FDRT, the share of bad
// requests, and ✗ when the run did not pass.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface Result {
  scenario: { name: string };
  stack: { name: string };
  seed: number;
  scorecard: {
    verdict: string;
    bad: boolean;
    detected: boolean;
    detection: { ttdMs?: number } | null;
    fdrtMs: number | null;
    rollback: { by: string } | null;
    falseRollback: boolean;
    blastRadius: { share: number };
  };
}

function findResults(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...findResults(path));
    else if (name === 'result.json') out.push(path);
  }
  return out;
}

function formatMinutes(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '-';
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}`;
}

function formatCell(r: Result): string {
  const c = r.scorecard;
  const share = `${(c.blastRadius.share * 100).toFixed(2)}%`;
  const who = c.rollback?.by === 'rollout controller' ? ' R' : c.rollback ? ' H' : '';
  const failed = c.verdict === 'pass' ? '' : ' ✗';
  if (!c.bad) return `${c.falseRollback ? `FALSE ROLLBACK${who}` : 'ok'} ${share}${failed}`;
  if (!c.detected) return `missed -/- ${share}${failed}`;
  return `caught${who} ${formatMinutes(c.detection?.ttdMs)}/${formatMinutes(c.fdrtMs)} ${share}${failed}`;
}

const [dir, seedArg] = process.argv.slice(2);
if (!dir) throw new Error('usage: outcome-matrix.ts SUITE_DIR [SEED]');
const seed = Number(seedArg ?? 1);
const results = findResults(dir).map((f) => JSON.parse(readFileSync(f, 'utf8')) as Result).filter((r) => r.seed === seed);
// Bad deploys first, then the controls, each alphabetical.
const badness = new Map(results.map((r) => [r.scenario.name, r.scorecard.bad]));
const scenarios = [...badness.keys()].sort((a, b) => Number(badness.get(b)) - Number(badness.get(a)) || (a < b ? -1 : 1));
const stacks = [...new Set(results.map((r) => r.stack.name))].sort();
const cell = new Map(results.map((r) => [`${r.scenario.name}|${r.stack.name}`, formatCell(r)]));
console.log(`| scenario | ${stacks.join(' | ')} |`);
console.log(`|---|${stacks.map(() => '---').join('|')}|`);
for (const s of scenarios) console.log(`| \`${s}\` | ${stacks.map((k) => cell.get(`${s}|${k}`) ?? '').join(' | ')} |`);
