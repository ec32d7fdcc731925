import { describe, expect, it } from 'vitest';
import { runConformanceCase, type ConformanceCase } from '../../../../src/rollout/analysis/conformance/index.ts';

// Cases in the shared file's format for behaviour SEMANTICS describes but the file does not cover.
const v = (x: number) => ({ value: [x], error: false });
const CASES: ConformanceCase[] = [
  {
    id: 'run-sibling-failure-terminates-indefinite-metric',
    source: 'SEMANTICS §5.3, §10.6',
    kind: 'run',
    metrics: [
      { name: 'a', interval: '1m', successCondition: 'result[0] >= 0.95', measurements: [v(0.99), v(0.9)] },
      { name: 'b', interval: '1m', successCondition: 'result[0] >= 0.95', measurements: [v(0.99), v(0.99)] },
    ],
    terminate: false,
    expectedRunPhase: 'Failed',
    expectedMetricPhases: { a: 'Failed', b: 'Successful' },
    expectedMessage: 'Metric "a" assessed Failed due to failed (1) > failureLimit (0)',
    expectedRunSummary: { count: 2, successful: 1, failed: 1, inconclusive: 0, error: 0 },
  },
  {
    id: 'run-terminated-before-any-measurement',
    source: 'analysis.go:assessRunStatus (terminating, nothing completed)',
    kind: 'run',
    metrics: [{ name: 'late', initialDelay: '5m', measurements: [] }],
    terminate: true,
    expectedRunPhase: 'Successful',
    expectedMetricPhases: { late: 'Successful' },
    expectedMessage: 'Run Terminated',
  },
  {
    id: 'run-all-dry-run-is-successful-with-empty-message',
    source: 'SEMANTICS §5.4',
    kind: 'run',
    metrics: [{ name: 'x', dryRun: true, successCondition: 'result[0] > 1', measurements: [v(0)] }],
    dryRun: [{ metricName: '.*' }],
    expectedRunPhase: 'Successful',
    expectedMetricPhases: { x: 'Failed' },
    expectedMessage: '',
    expectedDryRunSummary: { count: 1, successful: 0, failed: 1, inconclusive: 0, error: 0 },
  },
  {
    id: 'sequence-initial-delay-then-interval',
    source: 'SEMANTICS §5.1',
    kind: 'sequence',
    metric: { initialDelay: '30s', interval: '1m', count: 2, successCondition: 'result[0] > 0' },
    measurements: [v(1), v(1)],
    expectedMeasurementPhases: ['Successful', 'Successful'],
    expectedPhaseAfterEach: ['Running', 'Successful'],
    expectedRunPhase: 'Successful',
    expectedCounters: { count: 2, successful: 2, failed: 0, inconclusive: 0, error: 0, consecutiveError: 0, consecutiveSuccess: 2 },
  },
  { id: 'validate-no-metrics', kind: 'validate', metrics: [], expectedRunPhase: 'Error', expectedMetricPhase: null, expectedMessage: 'Analysis spec invalid: no metrics specified' },
  {
    id: 'validate-duplicate-name',
    kind: 'validate',
    metrics: [{ name: 'm' }, { name: 'm' }],
    expectedRunPhase: 'Error',
    expectedMessage: "Analysis spec invalid: metrics[1]: duplicate name 'm'",
  },
  {
    id: 'validate-dry-run-bare-star-is-invalid-regex',
    source: 'SEMANTICS §12.4',
    kind: 'validate',
    metrics: [{ name: 'm' }],
    dryRun: [{ metricName: '*' }],
    expectedRunPhase: 'Error',
    expectedMessage: "Analysis spec invalid: dryRun[0]: Rule didn't match any metric name(s)",
  },
  {
    id: 'validate-retention-matches-nothing',
    kind: 'validate',
    metrics: [{ name: 'm' }],
    measurementRetention: [{ metricName: 'x', limit: 2 }],
    expectedRunPhase: 'Error',
    expectedMessage: "Analysis spec invalid: measurementRetention[0]: Rule didn't match any metric name(s)",
  },
  {
    id: 'validate-arg-not-supplied',
    kind: 'validate',
    metrics: [{ name: 'm' }],
    args: [{ name: 'svc' }],
    expectedRunPhase: 'Error',
    expectedMessage: 'Unable to resolve metric arguments: argument "svc" was not supplied',
  },
  {
    id: 'schedule-initial-delay-from-started-at',
    kind: 'schedule',
    metrics: [{ name: 'd', initialDelay: '1m' }, { name: 'e', interval: '30s', count: 2 }],
    runStartedAt: 100,
    history: { d: [], e: [{ finishedAt: 100, phase: 'Inconclusive' }] },
    expectedNextMeasurementAt: { d: 160, e: 130 },
  },
];

describe('extra conformance cases', () => {
  for (const c of CASES) {
    it(`${c.kind}: ${c.id}`, async () => {
      const result = await runConformanceCase(c);
      expect(result.error).toBeUndefined();
      expect(result.mismatches).toEqual([]);
    });
  }
});
