import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPORTERS } from '../../../src/report/index.ts';
import { planSuiteFile, runSuite, type SuitePlan } from '../../../src/suite/index.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

/**
 * The nightly suite is 500+ runs (every built-in scenario x stack x 10 seeds): too slow for every
 * test run, so its wall time is measured by `npm run bench` (README). Here: its plan covers every
 * built-in, and a sample of it (every scenario on l1 and l4, seed 1) runs with the nightly's own
 * expectations, which hold, and writes every report file; the maturity each stack reached is
 * checked with the numbers behind it.
 */
const BUILTINS = { scenarios: join(REPO_ROOT, 'scenarios'), stacks: join(REPO_ROOT, 'scenarios/stacks') };
const dir = mkdtempSync(join(tmpdir(), 'fd-nightly-sample-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const yamlNames = (folder: string): string[] => readdirSync(folder).filter((f) => f.endsWith('.yaml')).sort();

describe('the nightly suite', () => {
  let plan: SuitePlan;

  it('plans every built-in scenario on every built-in stack, seeds 1-10', async () => {
    plan = await planSuiteFile(join(REPO_ROOT, 'scenarios/suites/nightly.yaml'), 'sim', BUILTINS);
    const scenarios = yamlNames(BUILTINS.scenarios);
    const stacks = yamlNames(BUILTINS.stacks);
    expect(plan.runs).toHaveLength(scenarios.length * stacks.length * 10);
    expect(new Set(plan.runs.map((r) => r.seed))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    expect(new Set(plan.runs.map((r) => `${r.scenario.file.split('/').pop()}`))).toEqual(new Set(scenarios));
    expect(new Set(plan.runs.map((r) => `${r.stack.file.split('/').pop()}`))).toEqual(new Set(stacks));
    expect(plan.expectationsStated).toBe(true);
  });

  it('a sample (every scenario on l1 and l4, seed 1) meets its expectations and writes every report', async () => {
    const sample = { ...plan, runs: plan.runs.filter((r) => r.seed === 1 && ['l1', 'l4'].includes(r.stack.name)) };
    expect(sample.runs.length).toBe(yamlNames(BUILTINS.scenarios).length * 2);
    const names = ['files', 'json', 'junit', 'markdown', 'html'];
    const suite = await runSuite(sample, { dir, observers: names.map((n) => REPORTERS[n](names)) });
    const failed = suite.expectations.filter((e) => !e.pass).map((e) => `${e.id}: ${e.groups.filter((g) => !g.pass).map((g) => g.shown).join('; ')}${e.note ?? ''}`);
    expect(failed).toEqual([]);
    expect(suite.verdict).toBe('pass');
    for (const f of ['suite.json', 'junit.xml', 'report.md', 'report.html', 'runs.jsonl']) expect(existsSync(join(dir, f)), f).toBe(true);
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8').match(/<testcase /g)).toHaveLength(sample.runs.length);
    // The ladder is cumulative, over every scenario of the sample: p999-stall slips past every
    // built-in check, so no built-in stack holds even L0 on the whole library, and the report
    // says which level broke first and by how much.
    const unmet = (stack: string) => suite.maturity.find((m) => m.stack === stack)!.checks.filter((c) => !c.holds).map((c) => `${c.level}: ${c.numbers}`);
    expect(suite.maturity.map((m) => [m.stack, m.reached])).toEqual([['l1', 'none'], ['l4', 'none']]);
    for (const stack of ['l1', 'l4']) expect(unmet(stack)[0]).toMatch(/^L0: detected \d+\/14/);
  }, 300_000);
});
