import { EXPECTATION_METRICS, isKnownMetric, type KnownMetric } from '../../scenario/expectation-metrics.ts';
import type { Scorecard } from '../../scoring/scorecard.ts';

/** A score of one run: yes/no, or a number (Infinity for a time never reached). */
export type MetricValue = boolean | number;

/** What a run is, for deciding whether a metric applies to it. */
export interface RunFacts {
  bad: boolean;
  scorecard: Scorecard;
}

const reached = (ms: number | null | undefined): number => (ms === null || ms === undefined ? Number.POSITIVE_INFINITY : ms);

/** How each metric of the table is read from a scorecard (scenario/expectation-metrics.ts says what it means). */
const READERS: Record<KnownMetric, (s: Scorecard) => MetricValue> = {
  pass: (s) => s.verdict === 'pass',
  detected: (s) => s.detection !== null,
  recovered: (s) => s.fdrtMs !== null,
  aborted: (s) => s.rollback?.by === 'rollout controller',
  ttd: (s) => reached(s.detection?.ttdMs),
  fdrt: (s) => reached(s.fdrtMs),
  'blastRadius.share': (s) => s.blastRadius.share,
  'blastRadius.badRequests': (s) => s.blastRadius.badRequests,
  errorBudget: (s) => s.blastRadius.errorBudgetBurnedPercent / 100,
  rollback: (s) => s.rollback !== null,
  falseRollback: (s) => s.falseRollback,
  falsePage: (s) => s.falsePage,
  pages: (s) => s.pages,
  'rca.answered': (s) => s.diagnosis!.status === 'answered',
  'rca.exact': (s) => s.diagnosis!.quality === 'exact',
  'rca.partial': (s) => s.diagnosis!.quality === 'partial',
  'rca.score': (s) => s.diagnosis!.score ?? 0,
  'rca.time': (s) => reached(s.diagnosis!.timeToDiagnosisMs),
  'rca.toolCalls': (s) => s.diagnosis!.toolCalls,
  'fix.proposed': (s) => s.fix!.proposed,
  'fix.correct': (s) => s.fix!.correct,
  'fix.autoApplied': (s) => s.fix!.autoApplied,
  'fix.time': (s) => reached(s.fix!.timeToMergeMs),
  'fix.fdrt': (s) => reached(s.fix!.fdrtWithFixMs),
  'policy.unsafeApplied': (s) => s.fix!.gate!.outcome === 'unsafe-allowed',
  'policy.safeBlocked': (s) => s.fix!.gate!.outcome === 'safe-blocked',
  'policy.madeWorse': (s) => s.fix!.gate!.madeWorse,
};

/**
 * A metric's value in one run, or undefined where it does not apply (a control has no time to
 * detect; a stack without an agent has no diagnosis). A scorecard path outside the table is read
 * as it is: a score a later level adds works without a change here.
 */
export function readMetric(metric: string, run: RunFacts): MetricValue | undefined {
  if (isKnownMetric(metric)) {
    const scope = EXPECTATION_METRICS[metric].appliesTo;
    if (scope === 'bad' && !run.bad) return undefined;
    if (scope === 'good' && run.bad) return undefined;
    if (scope === 'agent' && (!run.bad || !run.scorecard.diagnosis)) return undefined;
    if (scope === 'fix' && (!run.bad || !run.scorecard.fix)) return undefined;
    if (scope === 'gate' && !run.scorecard.fix?.gate) return undefined;
    return READERS[metric](run.scorecard);
  }
  let value: unknown = run.scorecard;
  for (const part of metric.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  if (typeof value === 'boolean' || typeof value === 'number') return value;
  // Null is the scorecard's "never happened" (a time not reached), as for the table's times.
  return value === null ? Number.POSITIVE_INFINITY : undefined;
}
