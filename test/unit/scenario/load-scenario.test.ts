import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/scenario/load-scenario.ts';
import { loadStack } from '../../../src/scenario/load-stack.ts';
import { ConfigError } from '../../../src/util/errors.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

describe('loadScenario', () => {
  it('normalizes durations and resolves the testbed', async () => {
    const s = await loadScenario(join(REPO_ROOT, 'scenarios/error-spike.yaml'));
    expect(s.baselineMs).toBe(300_000);
    expect(s.durationMs).toBe(1_800_000);
    expect(s.slo.latencyThresholdMs).toBe(1000);
    expect(s.slo.windowMs).toBe(30 * 86_400_000);
    expect(s.services).toEqual(['checkout', 'frontend', 'ledger', 'payments']);
    expect(s.entryService).toBe('frontend');
    expect(s.truth.bad).toBe(true);
  });

  it('throws a ConfigError carrying every issue', async () => {
    const err = await loadScenario(join(REPO_ROOT, 'test/fixtures/invalid/unmeasurable-threshold.yaml')).catch((e) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).issues.map((i) => i.path)).toEqual(['spec.slo.latencyThreshold', 'spec.truth.culprit.file']);
  });
});

describe('loadStack', () => {
  it('turns median and p90 into a log-normal', async () => {
    const s = await loadStack(join(REPO_ROOT, 'scenarios/stacks/l0.yaml'));
    expect(s.oncall.ack.medianMs).toBe(120_000);
    expect(s.oncall.ack.medianMs * Math.exp(1.2815515655446004 * s.oncall.ack.sigma)).toBeCloseTo(300_000, 3);
    expect(s.pager.burnRateWindows).toEqual([
      { longMs: 3_600_000, shortMs: 300_000, factor: 14.4 },
      { longMs: 21_600_000, shortMs: 1_800_000, factor: 6 },
    ]);
    expect(s.oncall.sources.length).toBeGreaterThan(0);
  });
});
