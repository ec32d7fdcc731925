import { join } from 'node:path';
import { loadArgoStack } from '../../src/runner/argo-stack.ts';
import { startCanaryDeploy } from '../../src/runner/canary-deploy.ts';
import { loadScenario } from '../../src/scenario/load-scenario.ts';
import { loadStack } from '../../src/scenario/load-stack.ts';
import { materializeWorkspace } from '../../src/testbed/workspace.ts';
import { Timeline, type TimelineEvent } from '../../src/timeline/index.ts';
import { createRng } from '../../src/util/rng.ts';
import { createWorld, type BackendName } from '../../src/world/create-world.ts';
import type { LocalOptions } from '../../src/world/local/local-options.ts';
import type { TruthBucket } from '../../src/world/truth.ts';
import { REPO_ROOT } from './paths.ts';

export interface RedeployDrill {
  commits: { v1: string; v2: string; fix: string };
  deployAt: number;
  abortAt: number;
  fixAt: number;
  completedAt: number;
  truth: TruthBucket[];
  timeline: readonly TimelineEvent[];
}

/**
 * error-spike through l1's Rollout: v2 is deployed and aborted; then a third commit, made during
 * the run (the scenario's own fix on top of v2), goes through the same Rollout to full promotion.
 */
export async function runRedeployDrill(backend: BackendName, local?: LocalOptions): Promise<RedeployDrill> {
  const scenario = await loadScenario(join(REPO_ROOT, 'scenarios/error-spike.yaml'));
  const stack = await loadStack(join(REPO_ROOT, 'scenarios/stacks/l1.yaml'));
  if (!scenario.truth.bad || !scenario.truth.fix) throw new Error('error-spike carries its fix');
  const workspace = await materializeWorkspace({ templateDir: scenario.testbedDir, changes: scenario.deploy.changes, message: scenario.deploy.message, author: scenario.deploy.author });
  const timeline = new Timeline();
  const world = await createWorld(backend, { scenario, stack, workspace, seed: 1, rng: createRng(1), timeline, local });
  try {
    const strategy = startCanaryDeploy({ world, timeline, argo: await loadArgoStack(stack), stackName: stack.name, notify: () => {} });
    const until = async (type: string, commit: string | undefined, limitMs: number): Promise<number> => {
      const deadline = world.clock.now() + limitMs;
      for (;;) {
        const hit = timeline.all().find((e) => e.type === type && (commit === undefined || String(e.podHash ?? '') === commit.slice(0, 10)));
        if (hit) return hit.t;
        if (world.clock.now() >= deadline) throw new Error(`no ${type} within ${limitMs / 1000}s`);
        await world.advanceTo(world.clock.now() + 15_000);
      }
    };
    await world.advanceTo(scenario.baselineMs);
    const deployAt = world.clock.now();
    await strategy.start();
    const abortAt = await until('rollout.aborted', undefined, 600_000);
    const fix = await workspace.addCommit({ parent: workspace.v2, changes: scenario.truth.fix.changes, message: 'checkout: tolerate categories without a reduced rate', author: 'Fix Bot <fix@example.com>' });
    const fixAt = world.clock.now();
    strategy.deployRevision!(fix);
    const completedAt = await until('rollout.completed', fix, 900_000);
    await world.advanceTo(completedAt + 60_000);
    return { commits: { v1: workspace.v1, v2: workspace.v2, fix }, deployAt, abortAt, fixAt, completedAt, truth: world.takeTruth(true), timeline: timeline.all() };
  } finally {
    await world.stop();
    await workspace.remove();
  }
}

/** Requests per commit in [from, to): what the truth says served them. */
export function servedBy(truth: readonly TruthBucket[], from: number, to: number): Record<string, { total: number; bad: number }> {
  const out: Record<string, { total: number; bad: number }> = {};
  for (const b of truth) {
    if (b.t < from || b.t >= to) continue;
    for (const [c, n] of Object.entries(b.byCommit)) {
      const o = (out[c] ??= { total: 0, bad: 0 });
      o.total += n.total;
      o.bad += n.bad;
    }
  }
  return out;
}
