import { describe, expect, it } from 'vitest';
import { InfraError, UserInputError } from '../../../../src/util/errors.ts';
import { join } from 'node:path';
import { resolveLocalOptions } from '../../../../src/world/local/local-options.ts';
import { REPO_ROOT } from '../../../helpers/paths.ts';

describe('resolveLocalOptions', () => {
  it('compresses the scrape interval, lookback and subquery step, never below 1 s of scraping', () => {
    const o = resolveLocalOptions({ timeScale: 10, prometheus: 'off' }, { scrapeIntervalMs: 15_000 });
    expect(o).toMatchObject({ timeScale: 10, scrapeIntervalMs: 1500, lookbackDeltaMs: 30_000, evaluationIntervalMs: 6000, prometheusBinary: undefined, load: { kind: 'builtin' } });
    expect(resolveLocalOptions({ timeScale: 60, prometheus: 'off' }, { scrapeIntervalMs: 15_000 }).scrapeIntervalMs).toBe(1000);
    expect(resolveLocalOptions({ prometheus: 'off' }, { scrapeIntervalMs: 15_000 })).toMatchObject({ timeScale: 1, scrapeIntervalMs: 15_000, lookbackDeltaMs: 300_000 });
  });

  it('rejects a time scale that is not a whole number from 1', () => {
    for (const bad of [0, -2, 2.5, Number.NaN, 5000]) expect(() => resolveLocalOptions({ timeScale: bad }, { scrapeIntervalMs: 15_000 })).toThrow(UserInputError);
  });

  it('uses the embedded TSDB when the stack records series that a real Prometheus could not take', () => {
    const rules = join(REPO_ROOT, 'scenarios/stacks/alerts/static-thresholds.rules.yaml');
    const auto = resolveLocalOptions({ prometheus: 'auto' }, { scrapeIntervalMs: 15_000, alertRulesFile: rules });
    expect(auto.prometheusBinary).toBeUndefined();
    expect(auto.metricsNote).toMatch(/recording rules/);
  });

  it('says so clearly when a chosen binary is missing', () => {
    expect(() => resolveLocalOptions({ prometheus: '/nonexistent/prometheus' }, { scrapeIntervalMs: 15_000 })).toThrow(InfraError);
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(() => resolveLocalOptions({ load: 'k6' }, { scrapeIntervalMs: 15_000 })).toThrow(/k6 binary is not on PATH/);
      expect(resolveLocalOptions({ prometheus: 'auto' }, { scrapeIntervalMs: 15_000 }).prometheusBinary).toBeUndefined();
    } finally {
      process.env.PATH = path;
    }
  });
});
