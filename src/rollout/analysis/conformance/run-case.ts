/**
 * One conformance case against the engine, per kind (SEMANTICS §11). `evaluate`, `sequence`,
 * `run` and `validate` go through the whole controller in virtual time; `assess` and `schedule`
 * call the controller's pure assessment and scheduling functions.
 */
import { assessMetricStatus } from '../controller/assess-metric.ts';
import { nextMeasurementDue } from '../controller/metric-schedule.ts';
import { newMetricResult, recordMeasurement } from '../controller/record-measurement.ts';
import type { AnalysisPhase, Measurement, MetricResult } from '../types.ts';
import type { CaseResult, ConformanceCase, Counters, Mismatch } from './case-types.ts';
import { simulateCase, toEngineMetric, type SimulatedRun, type SimulateOptions } from './simulate-case.ts';

export async function runConformanceCase(c: ConformanceCase): Promise<CaseResult> {
  const mismatches: Mismatch[] = [];
  const expect = (field: string, expected: unknown, actual: unknown): void => {
    if (expected === undefined) return;
    if (JSON.stringify(expected) !== JSON.stringify(actual)) mismatches.push({ field, expected, actual });
  };
  try {
    await CHECKS[c.kind](c, expect);
  } catch (err) {
    return { id: c.id, kind: c.kind, passed: false, mismatches, error: err instanceof Error ? err.stack ?? err.message : String(err) };
  }
  return { id: c.id, kind: c.kind, passed: mismatches.length === 0, mismatches };
}

type Expect = (field: string, expected: unknown, actual: unknown) => void;

const CHECKS: Record<ConformanceCase['kind'], (c: ConformanceCase, expect: Expect) => Promise<void> | void> = {
  evaluate: async (c, expect) => {
    const sim = await simulateCase([{ ...c.metric, measurements: c.measurements }], runOptions(c));
    const name = sim.metrics[0].name;
    expect('expectedMeasurementPhases', c.expectedMeasurementPhases?.slice(0, 1), (sim.measurementPhases[name] ?? []).slice(0, 1));
    expect('expectedMetricPhase', c.expectedMetricPhase, metricPhase(sim, name));
    expect('expectedRunPhase', c.expectedRunPhase, sim.status.phase);
  },
  sequence: async (c, expect) => {
    const sim = await simulateCase([{ ...c.metric, measurements: c.measurements }], runOptions(c));
    const name = sim.metrics[0].name;
    const result = sim.status.metricResults.find((r) => r.name === name);
    expect('expectedMeasurementPhases', c.expectedMeasurementPhases, sim.measurementPhases[name] ?? []);
    expect('expectedPhaseAfterEach', c.expectedPhaseAfterEach, sim.phaseAfterEach[name] ?? []);
    expect('expectedMetricPhase', c.expectedMetricPhase, metricPhase(sim, name));
    expect('expectedRunPhase', c.expectedRunPhase, sim.status.phase);
    expect('expectedCounters', c.expectedCounters, result ? countersOf(result) : undefined);
    expect('expectedMessage', c.expectedMessage, thresholdMessage(sim.status.message));
  },
  run: async (c, expect) => {
    const sim = await simulateCase(c.metrics ?? [], runOptions(c));
    expect('expectedRunPhase', c.expectedRunPhase, sim.status.phase);
    const phases = Object.fromEntries(Object.keys(c.expectedMetricPhases ?? {}).map((n) => [n, metricPhase(sim, n)]));
    expect('expectedMetricPhases', c.expectedMetricPhases, phases);
    expect('expectedMessage', c.expectedMessage, sim.status.message ?? '');
    expect('expectedRunSummary', c.expectedRunSummary, sim.status.runSummary);
    expect('expectedDryRunSummary', c.expectedDryRunSummary, sim.status.dryRunSummary);
  },
  validate: async (c, expect) => {
    const sim = await simulateCase(c.metrics ?? (c.metric ? [c.metric] : []), runOptions(c));
    const measured = sim.status.metricResults.reduce((n, r) => n + r.measurements.length, 0);
    expect('expectedRunPhase', c.expectedRunPhase, sim.status.phase);
    expect('expectedMessage', c.expectedMessage, sim.status.message ?? '');
    expect('measurements taken', 0, measured);
    if (c.expectedMetricPhase === null) expect('expectedMetricPhase', null, sim.status.metricResults[0]?.phase ?? null);
  },
  assess: (c, expect) => {
    const metric = toEngineMetric(c.metric ?? {}, 'metric');
    const result = resultFromState(c);
    expect('expectedMetricPhase', c.expectedMetricPhase, assessMetricStatus(metric, result, false));
    expect('expectedMetricPhaseIfTerminating', c.expectedMetricPhaseIfTerminating, assessMetricStatus(metric, result, true));
  },
  schedule: (c, expect) => {
    const startedAt = (c.runStartedAt ?? 0) * 1000;
    const actual: Record<string, number | null> = {};
    for (const raw of c.metrics ?? []) {
      const metric = toEngineMetric(raw, 'metric');
      const history = c.history?.[metric.name] ?? [];
      let result: MetricResult | undefined;
      if (history.length > 0) {
        result = newMetricResult(metric.name, false, undefined);
        for (const h of history) recordMeasurement(result, { phase: h.phase, startedAt: h.finishedAt * 1000, finishedAt: h.finishedAt * 1000 });
      }
      const due = nextMeasurementDue(metric, result, startedAt);
      actual[metric.name] = due === undefined ? null : (due === 'now' ? startedAt : due) / 1000;
    }
    expect('expectedNextMeasurementAt', c.expectedNextMeasurementAt, actual);
  },
};

function runOptions(c: ConformanceCase): SimulateOptions {
  return { dryRun: c.dryRun, measurementRetention: c.measurementRetention, args: c.args, terminate: c.terminate };
}

/** The stored metric phase; a metric without a result yet reads as Argo's assessment of none. */
function metricPhase(sim: SimulatedRun, name: string): AnalysisPhase {
  const result = sim.status.metricResults.find((r) => r.name === name);
  if (result) return result.phase;
  return sim.status.phase === 'Running' || sim.status.phase === 'Pending' ? 'Pending' : 'Successful';
}

function countersOf(r: MetricResult): Counters {
  const { count, successful, failed, inconclusive, error, consecutiveError, consecutiveSuccess } = r;
  return { count, successful, failed, inconclusive, error, consecutiveError, consecutiveSuccess };
}

/** The threshold part of `Metric "x" assessed P due to <threshold>[: "Error Message: …"]`. */
function thresholdMessage(runMessage: string | undefined): string {
  const m = /due to (.*?)(?:: "Error Message: .*")?$/s.exec(runMessage ?? '');
  return m ? m[1] : '';
}

/** The counters of an `assess` case as a metric result whose stored phase is not completed. */
function resultFromState(c: ConformanceCase): MetricResult {
  const s = c.state;
  const result = newMetricResult('metric', false, undefined);
  if (!s) return result;
  Object.assign(result, countersOf(s as unknown as MetricResult));
  for (let i = 0; i < s.measurementCount; i++) {
    const last = i === s.measurementCount - 1;
    const phase: AnalysisPhase = last ? (s.lastMeasurementPhase ?? 'Successful') : 'Successful';
    const m: Measurement = { phase, startedAt: i };
    if (phase !== 'Running' && phase !== 'Pending') m.finishedAt = i;
    result.measurements.push(m);
  }
  return result;
}
