import { describe, expect, it } from 'vitest';
import { findPathPrometheus, findPinnedPrometheus, type FoundReference } from '../../helpers/prometheus-references.ts';
import { formatDifferentialReport, runDifferential } from './run-differential.ts';

// The embedded engine against Prometheus's own engine (promtool test rules) on 1040 seeded random
// queries per reference: Debian's 2.42 away from window boundaries (its closed windows are 2.x
// semantics), and the pinned 3.x build with boundaries included (run-differential.ts).
const SEED = Number(process.env.PROMQL_DIFF_SEED ?? 20_260_826);

const REFERENCES: { name: string; find: () => FoundReference; boundaries: boolean }[] = [
  { name: 'promtool on PATH (Debian: 2.42), away from window boundaries', find: findPathPrometheus, boundaries: false },
  { name: 'the pinned Prometheus 3.x build, window boundaries included', find: findPinnedPrometheus, boundaries: true },
];

describe('PromQL differential test against a real Prometheus engine (promtool test rules)', () => {
  for (const { name, find, boundaries } of REFERENCES) {
    const found = find();
    if (!found.ok) {
      it.skip(`${name}: skipped: ${found.reason}`, () => {});
      continue;
    }
    it(`${name}: gives the same answers on 1000+ random queries`, () => {
      const report = runDifferential({ promtool: found.ref.promtool, boundaries, seed: SEED });
      console.log(formatDifferentialReport(found.ref.label, report, SEED));
      expect(report.total).toBeGreaterThanOrEqual(1000);
      if (boundaries) expect(report.onSample).toBeGreaterThan(report.total / 3);
      expect(report.mismatches.slice(0, 20)).toEqual([]);
    }, 180_000);
  }
});
