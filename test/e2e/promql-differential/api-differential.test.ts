import { describe, expect, it } from 'vitest';
import { findPathPrometheus, findPinnedPrometheus, type FoundReference } from '../../helpers/prometheus-references.ts';
import { formatApiDifferentialReport, runApiDifferential } from './run-api-differential.ts';

// The differential's random queries through the HTTP API (1000 per reference: 800 instant, 200
// range), our server against a real Prometheus holding the same data: the pinned 3.x build with
// window boundaries included and value strings compared exactly, and Debian's 2.42 away from
// boundaries with a relative 1e-9. Differences that are not PromQL semantics are counted apart:
// last digits of libm functions and annotations (run-api-differential.ts).
const SEED = Number(process.env.PROMQL_DIFF_SEED ?? 20_260_826);

const REFERENCES: { name: string; find: () => FoundReference; boundaries: boolean; tolerance: number }[] = [
  { name: 'Prometheus on PATH (Debian: 2.42), away from window boundaries', find: findPathPrometheus, boundaries: false, tolerance: 1e-9 },
  { name: 'the pinned Prometheus 3.x build, window boundaries included', find: findPinnedPrometheus, boundaries: true, tolerance: 0 },
];

describe('PromQL HTTP API differential against a real Prometheus server', () => {
  for (const { name, find, boundaries, tolerance } of REFERENCES) {
    const found = find();
    if (!found.ok) {
      it.skip(`${name}: skipped: ${found.reason}`, () => {});
      continue;
    }
    it(`${name}: the same data on 1000 random queries`, async () => {
      const report = await runApiDifferential(found.ref, { boundaries, tolerance, seed: SEED });
      console.log(formatApiDifferentialReport(found.ref.label, report, SEED));
      expect(report.instant + report.range).toBeGreaterThanOrEqual(1000);
      if (boundaries) expect(report.onSample).toBeGreaterThan((report.instant + report.range) / 3);
      expect(report.mismatches.slice(0, 20)).toEqual([]);
    }, 240_000);
  }
});
