import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/scenario/load-scenario.ts';
import { loadStack } from '../../../src/scenario/load-stack.ts';
import { flattenExpectations, EVERY_RUN_PASSES } from '../../../src/scenario/suite-expectation.ts';
import { buildPlanResult, mergeShards, readSuiteResult, selectShard, type SuitePlan } from '../../../src/suite/index.ts';
import { keyOfRun } from '../../../src/suite/suite-plan.ts';
import { runDirName } from '../../../src/suite/run-key.ts';
import { renderSuiteJson } from '../../../src/report/json-reporter.ts';
import type { UserInputError } from '../../../src/util/errors.ts';
import { makeScorecard } from '../../helpers/scorecards.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

const root = mkdtempSync(join(tmpdir(), 'fd-merge-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let plan: SuitePlan;

/** A plan of 2 scenarios x 2 stacks x 3 seeds; runs "finish" with made-up scorecards, no drill. */
beforeAll(async () => {
  const scenarios = await Promise.all(['error-spike', 'good-deploy'].map((n) => loadScenario(join(REPO_ROOT, `scenarios/${n}.yaml`))));
  const stacks = await Promise.all(['l0', 'l1'].map((n) => loadStack(join(REPO_ROOT, `scenarios/stacks/${n}.yaml`))));
  const runs = scenarios.flatMap((scenario) => stacks.flatMap((stack) => [1, 2, 3].map((seed) => ({ scenario, stack, seed }))));
  plan = { name: 'tiny', description: 'a test plan', backend: 'sim', runs, expectations: flattenExpectations([EVERY_RUN_PASSES]), expectationsStated: false, fromSuiteFile: true };
});

/** Writes a plan's result as a suite would: each run's folder, then suite.json. */
function writeSuite(p: SuitePlan, dir: string): string {
  const runs = p.runs.map((r) => {
    const key = keyOfRun(r);
    const runDir = runDirName(key, p.backend);
    mkdirSync(join(dir, runDir), { recursive: true });
    writeFileSync(join(dir, runDir, 'result.json'), `${JSON.stringify(key)}\n`);
    return { ...key, dir: runDir, scorecard: makeScorecard({ bad: r.scenario.truth.bad, ttdMs: r.seed * 1000 }) };
  });
  writeFileSync(join(dir, 'suite.json'), renderSuiteJson(buildPlanResult(p, runs)));
  return dir;
}

function shardDirs(name: string, count: number, p: SuitePlan = plan): string[] {
  return Array.from({ length: count }, (_, i) => writeSuite(selectShard(p, { index: i + 1, count }), join(root, name, `shard-${i + 1}`)));
}

describe('firedrill merge', () => {
  it('rebuilds the unsharded suite.json byte for byte, and copies every run', async () => {
    const whole = writeSuite(plan, join(root, 'whole'));
    const out = join(root, 'merged');
    const { result, dir } = await mergeShards(shardDirs('ok', 3).reverse(), () => out);
    expect(dir).toBe(out);
    expect(renderSuiteJson(result)).toBe(readFileSync(join(whole, 'suite.json'), 'utf8'));
    expect(readFileSync(join(out, 'good-deploy-l1-sim-s3', 'result.json'), 'utf8')).toContain('"seed":3');
  });

  it('marks a shard: which i/n and keys; compare and baseline refuse it, merge reads it', async () => {
    const [dir] = shardDirs('marked', 2);
    const { result } = await readSuiteResult(dir, { shards: 'allow' });
    expect(result.shard).toMatchObject({ index: 1, count: 2, plan: { planned: 12 } });
    expect(result.runs.length).toBe(result.shard!.keys.length);
    expect(result.expectations).toEqual([]);
    await expect(readSuiteResult(dir)).rejects.toThrow(/shard 1\/2 of suite "tiny", not a whole suite's result/);
  });

  it('refuses missing shards and names the missing keys', async () => {
    const [a, , c] = shardDirs('missing', 3);
    const err = (await mergeShards([a, c], () => join(root, 'out-missing')).catch((e: unknown) => e)) as UserInputError;
    expect(err.message).toMatch(/missing runs: 4 of the suite's 12 keys .*shard\(s\) 2\/3 not given\): .* × .* × seed \d/);
    expect(err.hint).toContain('--shard 2/3');
  });

  it('refuses overlapping shards, naming the keys held twice', async () => {
    const [a, b] = shardDirs('twice', 2);
    await expect(mergeShards([a, b, a], () => join(root, 'out-twice'))).rejects.toThrow(/overlapping shards: 6 key\(s\) held twice: .* × .* × seed \d+ \(in /);
  });

  it('refuses shards of different plans or counts, and whole suites', async () => {
    const [a] = shardDirs('plan-a', 2);
    const other = { ...plan, expectations: flattenExpectations([{ per: 'cell', expect: { fdrt: 'p90 < 5m' } }]) };
    const [, b] = shardDirs('plan-b', 2, other);
    await expect(mergeShards([a, b], () => join(root, 'out-plans'))).rejects.toThrow(/shards of different suites or plans/);
    const [, , c3] = shardDirs('count-3', 3);
    await expect(mergeShards([a, c3], () => join(root, 'out-counts'))).rejects.toThrow(/different suites or plans/);
    await expect(mergeShards([a, join(root, 'whole')], () => join(root, 'out-whole'))).rejects.toThrow(/a whole suite's result, not a shard's/);
  });

  it('writes into a new or empty folder only', async () => {
    await expect(mergeShards(shardDirs('full', 2), () => join(root, 'whole'))).rejects.toThrow(/is not empty/);
  });
});
