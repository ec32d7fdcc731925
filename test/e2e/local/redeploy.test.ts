import { describe, expect, it } from 'vitest';
import { findUncatalogued } from '../../helpers/catalogued.ts';
import { runRedeployDrill, servedBy } from '../../helpers/redeploy-drill.ts';

describe('a third commit made during the run goes through the same Rollout (local)', () => {
  it('v2 is aborted, the fix is promoted, and the truth names the commit behind every request', async () => {
    // x15 as in the fidelity test: the embedded scraper keeps this independent of Prometheus's install.
    const d = await runRedeployDrill('local', { timeScale: 15, prometheus: 'off' });
    const [v1, v2, fix] = [d.commits.v1, d.commits.v2, d.commits.fix].map((c) => c.slice(0, 12));
    expect(Object.keys(servedBy(d.truth, 0, d.deployAt))).toEqual([v1]);
    const bad = servedBy(d.truth, d.deployAt, d.abortAt);
    expect(bad[v2].bad / bad[v2].total).toBeGreaterThan(0.2);
    // Requests in flight at the abort settle within the client timeout.
    expect(servedBy(d.truth, d.abortAt + 15_000, Infinity)[v2]).toBeUndefined();
    const during = servedBy(d.truth, d.fixAt, d.completedAt);
    expect(during[fix].total).toBeGreaterThan(0);
    expect(during[fix].bad / during[fix].total).toBeLessThan(0.01);
    const after = servedBy(d.truth, d.completedAt + 15_000, Infinity);
    expect(Object.keys(after)).toEqual([fix]);
    expect(d.timeline.filter((e) => e.type === 'world.canary.started').map((e) => e.commit)).toEqual([v2, fix]);
    // The local world's own events (processes, scrapes) are catalogued too.
    expect(findUncatalogued(d.timeline)).toEqual([]);
  }, 300_000);
});
