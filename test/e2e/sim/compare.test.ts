import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonReporter } from '../../../src/report/index.ts';
import { planRuns, runSuite } from '../../../src/suite/index.ts';
import { overlayStack } from '../../helpers/agent-stack.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';
import { runCli } from '../../helpers/run-cli.ts';

/**
 * The acceptance of `firedrill compare`: l1 on error-spike, seeds 1-4, as the baseline; the same
 * stack with its analysis interval doubled (30s -> 1m: every measurement comes later, so does the
 * abort) on the same seeds must be flagged; the unchanged stack on seeds 5-8 must not be.
 */
const root = mkdtempSync(join(tmpdir(), 'firedrill-compare-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function runL1(name: string, stackFile: string, seed: number): Promise<string> {
  const dir = join(root, name);
  const plan = await planRuns({ scenarioFiles: [join(REPO_ROOT, 'scenarios/error-spike.yaml')], stackFiles: [stackFile], seed, repeat: 4, backend: 'sim', expectations: [], expectationsStated: true });
  await runSuite(plan, { dir, observers: [new JsonReporter()] });
  return dir;
}

/** l1, with its AnalysisTemplate's interval doubled; same stack name, so its cells line up with the baseline's. */
function slowAnalysisStack(): string {
  const template = readFileSync(join(REPO_ROOT, 'scenarios/stacks/argo/template-health.yaml'), 'utf8');
  const doubled = template.replaceAll('interval: 30s', 'interval: 1m');
  expect(doubled).not.toBe(template);
  const file = join(root, 'template-health-1m.yaml');
  writeFileSync(file, doubled);
  return overlayStack('l1', 'l1', `rollout:\n  manifests:\n    - ${join(REPO_ROOT, 'scenarios/stacks/argo/rollouts.yaml')}\n    - ${file}\n`);
}

let baseline: string, regressed: string, otherSeeds: string;
beforeAll(async () => {
  const l1 = join(REPO_ROOT, 'scenarios/stacks/l1.yaml');
  baseline = await runL1('baseline', l1, 1);
  regressed = await runL1('regressed', slowAnalysisStack(), 1);
  otherSeeds = await runL1('other-seeds', l1, 5);
}, 600_000);

describe('firedrill compare', () => {
  it('flags a stack whose analysis interval doubled: exit 1, the slower detection named, a Markdown diff', () => {
    const md = join(root, 'diff.md');
    const res = runCli(['compare', baseline, regressed, '--markdown', md]);
    expect(res.code, res.stderr).toBe(1);
    expect(res.stdout).toMatch(/✘ regressed\s+error-spike × l1\s+ttd\s+median 2m30s \(4 runs\)\s+median \S+ \(4 runs\)\s+\+\S+ \(95% CI \+\S+\.\.\+\S+, paired on 4 seeds\)/);
    expect(res.stdout).toContain('✘ REGRESSION');
    const diff = readFileSync(md, 'utf8');
    expect(diff).toMatch(/^## firedrill compare: ✘ regression/);
    expect(diff).toMatch(/\| ✘ regressed \| error-spike × l1 \| `ttd` \|/);
    expect(diff.length).toBeLessThan(65_536);
  }, 60_000);

  it('does not flag the same stack run on other seeds', () => {
    const res = runCli(['compare', baseline, otherSeeds]);
    expect(res.code, res.stdout + res.stderr).toBe(0);
    expect(res.stdout).toContain('✔ no regression');
    expect(res.stdout).toContain('0 regressed');
  }, 60_000);

  it('compares against a saved baseline by name', () => {
    const saved = runCli(['baseline', 'save', baseline, '--dir', join(root, 'baselines'), '--name', 'l1-gate']);
    expect(saved.code, saved.stderr).toBe(0);
    expect(readFileSync(join(root, 'baselines', 'l1-gate.json'), 'utf8')).toBe(readFileSync(join(baseline, 'suite.json'), 'utf8'));
    const res = runCli(['compare', 'l1-gate', regressed], { cwd: root });
    expect(res.code).toBe(1);
  }, 60_000);
});
