import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/clock/virtual-clock.ts';
import type { MetricSource } from '../../../src/metrics/metric-source.ts';
import { PromqlEngine } from '../../../src/metrics/promql/engine.ts';
import { Tsdb } from '../../../src/metrics/tsdb.ts';
import { startRolloutController } from '../../../src/rollout/canary/start-rollout-controller.ts';
import type { RolloutTarget } from '../../../src/rollout/canary/rollout-target.ts';
import { loadArgoManifests } from '../../../src/rollout/manifests/load-argo-manifests.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

// The built-in L1 manifests (scenarios/stacks/argo/) through the whole engine: loader, canary
// controller, the real analysis engine, and the embedded PromQL engine over synthetic traffic.
const DIR = resolve(REPO_ROOT, 'scenarios/stacks/argo');
const text = ['rollouts.yaml', 'template-health.yaml'].map((f) => readFileSync(resolve(DIR, f), 'utf8')).join('\n---\n');

interface CanaryBehaviour {
  errorRatio: number;
  latencySeconds: number;
  /** The canary receives no requests whatever the weight (e.g. the router ignores it). */
  noTraffic?: boolean;
}

const LE = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

async function runDrill(canary: CanaryBehaviour, minutes = 12) {
  const loaded = loadArgoManifests(text, 'argo', { requireTemplates: true });
  expect(loaded.issues).toEqual([]);
  const clock = new VirtualClock(0);
  const tsdb = new Tsdb();
  const engine = new PromqlEngine(tsdb);
  const metrics: MetricSource = {
    kind: 'embedded',
    instant: async (q, at) => engine.instantQuery(q, at),
    range: async (q, s, e, step) => engine.rangeQuery(q, s, e, step),
  };
  let weight = 0;
  const target: RolloutTarget = {
    setCanaryWeight: (w) => void (weight = w),
    promote: () => void (weight = 0),
    abortToStable: () => void (weight = 0),
  };
  const totals = new Map<string, number>();
  const bump = (labels: Record<string, string>, by: number, t: number): void => {
    const key = JSON.stringify(labels);
    const v = (totals.get(key) ?? 0) + by;
    totals.set(key, v);
    tsdb.append(labels, t, v);
  };
  // 50 req/s, scraped every 15 s.
  const scrape = (): void => {
    const t = clock.now();
    const canaryShare = canary.noTraffic ? 0 : weight / 100;
    for (const [version, share, errors, latency] of [
      ['stable', 1 - canaryShare, 0.001, 0.08],
      ['canary', canaryShare, canary.errorRatio, canary.latencySeconds],
    ] as const) {
      const n = 50 * 15 * share;
      const base = { service: 'checkout', version, route: '/checkout' };
      bump({ __name__: 'http_requests_total', ...base, code: '200' }, n * (1 - errors), t);
      bump({ __name__: 'http_requests_total', ...base, code: '500' }, n * errors, t);
      for (const le of [...LE.map(String), '+Inf']) {
        bump({ __name__: 'http_request_duration_seconds_bucket', ...base, le }, le === '+Inf' || Number(le) >= latency ? n : 0, t);
      }
    }
    clock.schedule(t + 15_000, scrape);
  };
  scrape();
  const events: { t: number; type: string; data: Record<string, unknown> }[] = [];
  const handle = startRolloutController({
    rollout: loaded.rollouts.find((r) => r.name === 'checkout')!, templates: loaded.analysisTemplates, clock, metrics, target,
    emit: (type, data) => void events.push({ t: clock.now(), type, data }), initialPodHash: 'stable-1',
  });
  await clock.runUntil(5 * 60_000);
  handle.update('canary-2');
  await clock.runUntil(5 * 60_000 + minutes * 60_000);
  handle.stop();
  return { status: handle.status(), events };
}

describe('built-in L1 manifests (scenarios/stacks/argo)', () => {
  it('load cleanly: a Rollout per testbed service, and `canary-health` from each template file', () => {
    for (const file of ['template-health.yaml', 'template-error-rate.yaml', 'template-latency-p99.yaml']) {
      const both = ['rollouts.yaml', file].map((f) => readFileSync(resolve(DIR, f), 'utf8')).join('\n---\n');
      const loaded = loadArgoManifests(both, 'argo', { requireTemplates: true });
      expect(loaded.issues, file).toEqual([]);
      expect(loaded.rollouts.map((r) => r.name)).toEqual(['frontend', 'checkout', 'payments', 'ledger']);
      expect(loaded.analysisTemplates.map((t) => t.name)).toEqual(['canary-health']);
    }
  });

  it('a good canary is promoted', async () => {
    const { status } = await runDrill({ errorRatio: 0.001, latencySeconds: 0.08 });
    expect(status).toMatchObject({ phase: 'Healthy', stableRS: 'canary-2' });
  });

  it('a canary with 30% 5xx is aborted by the error-rate metric on its 4th failed measurement', async () => {
    const { status, events } = await runDrill({ errorRatio: 0.3, latencySeconds: 0.08 });
    expect(status.phase).toBe('Degraded');
    expect(status.message).toContain('Background analysis phase error/failed: Metric "error-rate" assessed Failed due to failed (4) > failureLimit (3)');
    // Analysis starts after setWeight 20 (t=5m); measurements from +1m every 30s; the 4th at +2m30s.
    expect(events.find((e) => e.type === 'rollout.aborted')?.t).toBe(5 * 60_000 + 150_000);
  });

  it('a slow canary (p99 2.5 s) is aborted by the latency metric', async () => {
    const { status } = await runDrill({ errorRatio: 0.001, latencySeconds: 2 });
    expect(status.message).toContain('Metric "latency-p99" assessed Failed');
  });

  it('a canary that gets no requests is neither promoted nor rolled back: it pauses (Inconclusive)', async () => {
    const { status } = await runDrill({ errorRatio: 0, latencySeconds: 0.08, noTraffic: true });
    expect(status).toMatchObject({ phase: 'Paused', message: 'InconclusiveAnalysisRun', stableRS: 'stable-1' });
  });
});
