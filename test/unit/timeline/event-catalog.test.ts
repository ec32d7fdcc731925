import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeRun } from '../../../src/runner/execute-run.ts';
import { loadScenario } from '../../../src/scenario/load-scenario.ts';
import { loadStack } from '../../../src/scenario/load-stack.ts';
import { EVENT_CATALOG } from '../../../src/timeline/event-catalog.ts';
import { Timeline } from '../../../src/timeline/timeline.ts';
import { findUncatalogued } from '../../helpers/catalogued.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

describe('the event catalog', () => {
  it('is the only way onto a timeline: an unknown type is refused, naming the catalog', () => {
    const timeline = new Timeline();
    expect(() => timeline.emitUntyped(0, 'world', 'world.exploded', {})).toThrow(/world\.exploded is not in the event catalog \(src\/timeline\/event-catalog\.ts\)/);
    expect(timeline.all()).toHaveLength(0);
  });

  it('catches a payload that strays from its entry', () => {
    const wrong = [
      { t: 0, type: 'page.sent', source: 'pager', alert: 1 },
      { t: 0, type: 'page.sent', source: 'oncall', alert: 'x' },
      { t: 0, type: 'page.sent', source: 'pager', alert: 'x', extra: true },
      { t: 0, type: 'made.up', source: 'pager' },
    ];
    expect(findUncatalogued(wrong)).toEqual([
      'page.sent at t=0: alert: Invalid input: expected string, received number',
      'page.sent: source oncall is not one of pager',
      'page.sent at t=0: (payload): Unrecognized key: "extra"',
      'made.up: not in the catalog',
    ]);
  });

  // Drills that reach every family of events between them on sim: alerts, pages and the
  // on-call; the Rollout, its analysis and a human rollback; an agent, a fix PR and the policy.
  const drills: [scenario: string, stack: string, seed: number][] = [
    ['dependency-cascade', 'l0-static-alerts', 1],
    ['latency-stall', 'l1-latency', 1],
    ['good-deploy', 'l1', 1],
    ['error-spike', 'l4', 2],
    ['error-spike', 'l3', 1],
  ];
  it('describes every event real drills emit, payloads checked strictly', async () => {
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const [scenario, stack, seed] of drills) {
      const record = await executeRun(await loadScenario(join(REPO_ROOT, 'scenarios', `${scenario}.yaml`)), await loadStack(join(REPO_ROOT, 'scenarios/stacks', `${stack}.yaml`)), { backend: 'sim', seed });
      for (const e of record.timeline) seen.add(e.type);
      problems.push(...findUncatalogued(record.timeline).map((p) => `${scenario} x ${stack}: ${p}`));
    }
    expect(problems).toEqual([]);
    // The drills above must keep reaching most of the catalog, or this test checks little.
    const reached = Object.keys(EVENT_CATALOG).filter((type) => seen.has(type)).length;
    expect(reached).toBeGreaterThanOrEqual(55);
  }, 180_000);
});
