/**
 * The run's phase (analysis/analysis.go:assessRunStatus, SEMANTICS §5.2–5.4): metrics in spec
 * order, each assessed (§4.2); the worst completed non-dry-run phase wins using
 * Successful < Running < Pending < Inconclusive < Error < Failed (helpers.go:IsWorse), the first
 * metric in spec order names the message; terminating ignores unfinished metrics; dry-run metrics
 * are assessed but only counted in dryRunSummary.
 */
import type { AnalysisPhase, AnalysisRunStatus, Metric, MetricResult, RunSummary } from '../types.ts';
import { isCompletedPhase } from '../types.ts';
import { assessMetricStatus, assessMetricThresholds } from './assess-metric.ts';

const ORDER: AnalysisPhase[] = ['Successful', 'Running', 'Pending', 'Inconclusive', 'Error', 'Failed'];

function isWorse(current: AnalysisPhase, candidate: AnalysisPhase): boolean {
  return ORDER.indexOf(candidate) > ORDER.indexOf(current);
}

/** helpers.go:IsTerminating. */
export function isTerminating(terminate: boolean, results: MetricResult[]): boolean {
  if (terminate) return true;
  return results.some((r) => !r.dryRun && (r.phase === 'Failed' || r.phase === 'Error' || r.phase === 'Inconclusive'));
}

const emptySummary = (): RunSummary => ({ count: 0, successful: 0, failed: 0, inconclusive: 0, error: 0 });

function countInto(summary: RunSummary, phase: string | undefined): void {
  if (phase === 'Error') summary.error++;
  else if (phase === 'Failed') summary.failed++;
  else if (phase === 'Inconclusive') summary.inconclusive++;
  else summary.successful++;
}

export interface RunAssessment {
  phase: AnalysisPhase;
  message: string;
  /** Metrics whose phase changed, with the phase they had before. */
  changed: { result: MetricResult; previous: AnalysisPhase }[];
}

/** Mutates `status` (startedAt, metric phases and messages, summaries) like Argo does. */
export function assessRunStatus(status: AnalysisRunStatus, metrics: Metric[], dryRun: Set<string>, terminate: boolean, now: number): RunAssessment {
  const terminating = isTerminating(terminate, status.metricResults);
  let worst: AnalysisPhase | undefined;
  let message = terminate ? 'Run Terminated' : '';
  let everythingCompleted = true;
  const runSummary = emptySummary();
  const dryRunSummary = emptySummary();
  const changed: RunAssessment['changed'] = [];
  if (status.startedAt === undefined) status.startedAt = now;
  for (const metric of metrics) {
    const isDry = dryRun.has(metric.name);
    if (isDry) dryRunSummary.count++;
    else runSummary.count++;
    const result = status.metricResults.find((r) => r.name === metric.name);
    if (!result) {
      everythingCompleted = false;
      continue;
    }
    const phase = assessMetricStatus(metric, result, terminating);
    if (result.phase !== phase) {
      changed.push({ result, previous: result.phase });
      const last = result.measurements[result.measurements.length - 1];
      if (last) setMessage(result, last.message);
      result.phase = phase;
    }
    if (!isCompletedPhase(phase)) {
      everythingCompleted = false;
      continue;
    }
    const verdict = assessMetricThresholds(metric, result);
    if (!isDry) {
      if (worst === undefined || isWorse(worst, phase)) {
        worst = phase;
        if (verdict.message) {
          message = `Metric "${metric.name}" assessed ${phase} due to ${verdict.message}`;
          if (result.message) message += `: "Error Message: ${result.message}"`;
        }
      }
      countInto(runSummary, verdict.phase);
    } else {
      if (worst === undefined) worst = 'Successful';
      if (verdict.message) result.message = `Metric assessed ${phase} due to ${verdict.message}`;
      countInto(dryRunSummary, verdict.phase);
    }
  }
  status.runSummary = runSummary;
  status.dryRunSummary = dryRunSummary;
  message = message.trim();
  if (terminating) return { phase: worst ?? 'Successful', message, changed };
  if (!everythingCompleted || worst === undefined) return { phase: 'Running', message: '', changed };
  return { phase: worst, message, changed };
}

function setMessage(result: MetricResult, message: string | undefined): void {
  if (message) result.message = message;
  else delete result.message;
}
