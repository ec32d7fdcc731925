import { describe, expect, it } from 'vitest';
import { runRedeployDrill, servedBy } from '../../helpers/redeploy-drill.ts';

describe('a third commit made during the run goes through the same Rollout (sim)', () => {
  it('v2 is aborted, the fix is promoted, and the truth names the commit behind every request', async () => {
    const d = await runRedeployDrill('sim');
    const [v1, v2, fix] = [d.commits.v1, d.commits.v2, d.commits.fix].map((c) => c.slice(0, 12));
    expect(Object.keys(servedBy(d.truth, 0, d.deployAt))).toEqual([v1]);
    const bad = servedBy(d.truth, d.deployAt, d.abortAt);
    expect(bad[v2].total).toBeGreaterThan(500);
    expect(bad[v2].bad / bad[v2].total).toBeGreaterThan(0.2);
    // After the abort v2 serves nothing (requests in flight at the abort land in its last second).
    expect(servedBy(d.truth, d.abortAt + 1000, Infinity)[v2]).toBeUndefined();
    const during = servedBy(d.truth, d.fixAt, d.completedAt);
    expect(during[fix].total).toBeGreaterThan(0);
    expect(during[fix].bad).toBe(0);
    const after = servedBy(d.truth, d.completedAt + 1000, Infinity);
    expect(Object.keys(after)).toEqual([fix]);
    const started = d.timeline.filter((e) => e.type === 'world.canary.started').map((e) => e.commit);
    expect(started).toEqual([v2, fix]);
    expect(d.timeline.find((e) => e.type === 'world.promoted')).toMatchObject({ commit: fix, role: 'stable' });
  }, 120_000);
});
