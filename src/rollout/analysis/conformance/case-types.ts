/**
 * The format of ../shared/conformance/argo/analysis-cases.json (SEMANTICS §11). Values: a number is
 * a Prometheus scalar, an array a vector, "NaN"/"+Inf"/"-Inf" non-finite floats, and
 * `{ value: null, error: true }` a provider/query error.
 */
import type { AnalysisPhase, Argument, DryRun, MeasurementRetention, Metric } from '../types.ts';

export type CaseKind = 'evaluate' | 'sequence' | 'assess' | 'run' | 'validate' | 'schedule';
export const CASE_KINDS: CaseKind[] = ['evaluate', 'sequence', 'assess', 'run', 'validate', 'schedule'];

export type CaseNumber = number | 'NaN' | '+Inf' | '-Inf';

export interface CaseMeasurement {
  value: CaseNumber | CaseNumber[] | null;
  error?: boolean;
  errorMessage?: string;
}

/** A metric as written in a case: Metric fields without `name`/`provider` where implied. */
export type CaseMetric = Partial<Omit<Metric, 'provider'>> & {
  provider?: Metric['provider'];
  measurements?: CaseMeasurement[];
  dryRun?: boolean;
};

export interface Counters {
  count: number;
  successful: number;
  failed: number;
  inconclusive: number;
  error: number;
  consecutiveError: number;
  consecutiveSuccess: number;
}

export interface ConformanceCase {
  id: string;
  source?: string;
  kind: CaseKind;
  note?: string;
  metric?: CaseMetric;
  metrics?: CaseMetric[];
  measurements?: CaseMeasurement[];
  terminate?: boolean;
  dryRun?: DryRun[];
  /** Optional run-level settings (not in the shared file; accepted for extra cases). */
  measurementRetention?: MeasurementRetention[];
  args?: Argument[];
  state?: Counters & { measurementCount: number; lastMeasurementPhase: AnalysisPhase | null };
  runStartedAt?: number;
  history?: Record<string, { finishedAt: number; phase: AnalysisPhase }[]>;
  expectedMeasurementPhases?: AnalysisPhase[];
  expectedPhaseAfterEach?: AnalysisPhase[];
  expectedMetricPhase?: AnalysisPhase | null;
  expectedMetricPhaseIfTerminating?: AnalysisPhase;
  expectedRunPhase?: AnalysisPhase;
  expectedMetricPhases?: Record<string, AnalysisPhase>;
  expectedMessage?: string;
  expectedCounters?: Counters;
  expectedRunSummary?: Record<string, number>;
  expectedDryRunSummary?: Record<string, number>;
  expectedNextMeasurementAt?: Record<string, number | null>;
}

export interface Mismatch {
  field: string;
  expected: unknown;
  actual: unknown;
}

export interface CaseResult {
  id: string;
  kind: CaseKind;
  passed: boolean;
  mismatches: Mismatch[];
  /** The engine threw (a bug, or a case the engine cannot express). */
  error?: string;
}
