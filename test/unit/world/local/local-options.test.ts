import { describe, expect, it } from 'vitest';
import { InfraError, UserInputError } from '../../../../src/util/errors.ts';
import { join } from 'node:path';
import { findExecutable } from '../../../../src/util/find-executable.ts';
import { resolveLocalOptions } from '../../../../src/world/local/local-options.ts';

const NO_ENGINE = { findDockerEngine: () => undefined, chooseDefaultImage: () => ({ image: 'prom/prometheus:v3.16.0' }) };
import { REPO_ROOT } from '../../../helpers/paths.ts';

describe('resolveLocalOptions', () => {
  it('compresses the scrape interval, lookback and subquery step, never below 1 s of scraping', () => {
    const o = resolveLocalOptions({ timeScale: 10, prometheus: 'off' }, { scrapeIntervalMs: 15_000 });
    expect(o).toMatchObject({ timeScale: 10, scrapeIntervalMs: 1500, lookbackDeltaMs: 30_000, evaluationIntervalMs: 6000, prometheus: undefined, load: { kind: 'builtin' } });
    expect(resolveLocalOptions({ timeScale: 60, prometheus: 'off' }, { scrapeIntervalMs: 15_000 }).scrapeIntervalMs).toBe(1000);
    expect(resolveLocalOptions({ prometheus: 'off' }, { scrapeIntervalMs: 15_000 })).toMatchObject({ timeScale: 1, scrapeIntervalMs: 15_000, lookbackDeltaMs: 300_000 });
  });

  it('rejects a time scale that is not a whole number from 1', () => {
    for (const bad of [0, -2, 2.5, Number.NaN, 5000]) expect(() => resolveLocalOptions({ timeScale: bad }, { scrapeIntervalMs: 15_000 })).toThrow(UserInputError);
  });

  it('uses the embedded TSDB when the stack records series that a real Prometheus could not take', () => {
    const rules = join(REPO_ROOT, 'scenarios/stacks/alerts/static-thresholds.rules.yaml');
    const auto = resolveLocalOptions({ prometheus: 'auto' }, { scrapeIntervalMs: 15_000, alertRulesFile: rules });
    expect(auto.prometheus).toBeUndefined();
    expect(auto.metricsNote).toMatch(/recording rules/);
    // A container is a real Prometheus too: the same rule applies.
    const engine = { findBinary: () => undefined, findDockerEngine: () => 'unix:///d.sock', chooseDefaultImage: () => ({ image: 'i:1' }) };
    expect(resolveLocalOptions({ prometheus: 'auto' }, { scrapeIntervalMs: 15_000, alertRulesFile: rules }, engine).prometheus).toBeUndefined();
    expect(resolveLocalOptions({ prometheus: 'auto' }, { scrapeIntervalMs: 15_000 }, engine).prometheus).toMatchObject({ kind: 'container', image: 'i:1' });
  });

  it('says so clearly when a chosen binary is missing', () => {
    expect(() => resolveLocalOptions({ prometheus: '/nonexistent/prometheus' }, { scrapeIntervalMs: 15_000 })).toThrow(InfraError);
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(() => resolveLocalOptions({ load: 'k6' }, { scrapeIntervalMs: 15_000 })).toThrow(/k6 binary is not on PATH/);
      expect(resolveLocalOptions({ prometheus: 'auto' }, { scrapeIntervalMs: 15_000 }, { ...NO_ENGINE, findBinary: findExecutable }).prometheus).toBeUndefined();
    } finally {
      process.env.PATH = path;
    }
  });
});
