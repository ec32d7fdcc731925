/**
 * Argo Rollouts analysis objects, shaped like `pkg/apis/rollouts/v1alpha1/analysis_types.go`
 * (field names and casing as in the YAML). Times are clock milliseconds (`Clock.now()`), not
 * RFC 3339 strings: on `sim` that is ms since the run's epoch, on wall clocks Unix ms.
 */

export type AnalysisPhase = 'Pending' | 'Running' | 'Successful' | 'Failed' | 'Error' | 'Inconclusive';

/** `analysis_types.go:AnalysisPhase.Completed`. */
export function isCompletedPhase(phase: AnalysisPhase | undefined): boolean {
  return phase === 'Successful' || phase === 'Failed' || phase === 'Error' || phase === 'Inconclusive';
}

export interface SecretKeyRef {
  name: string;
  key: string;
}

/**
 * Template args may carry `secretKeyRef`; rollout-side args (`types.go:AnalysisRunArgument`) may
 * carry `podTemplateHashValue` or `fieldRef`. Both shapes share this type.
 */
export interface ArgumentValueFrom {
  secretKeyRef?: SecretKeyRef;
  podTemplateHashValue?: 'Stable' | 'Latest';
  fieldRef?: { fieldPath: string };
}

export interface Argument {
  name: string;
  value?: string;
  valueFrom?: ArgumentValueFrom;
}

export interface WebMetricHeader {
  key: string;
  value: string;
}

export interface PrometheusRangeQuery {
  start?: string;
  end?: string;
  step?: string;
}

export interface PrometheusMetric {
  address?: string;
  query?: string;
  /** Whole seconds (`analysis_types.go:PrometheusMetric.Timeout`); default 30. */
  timeout?: number;
  insecure?: boolean;
  headers?: WebMetricHeader[];
  rangeQuery?: PrometheusRangeQuery;
}

export interface WebMetric {
  method?: 'GET' | 'POST' | 'PUT';
  url: string;
  headers?: WebMetricHeader[];
  body?: string;
  jsonBody?: unknown;
  /** Default 10 (`metricproviders/webmetric`). */
  timeoutSeconds?: number;
  /** k8s JSONPath, default `{$}`. */
  jsonPath?: string;
  insecure?: boolean;
}

/** Only `prometheus` and `web` are supported; the loader rejects every other provider by name. */
export interface MetricProvider {
  prometheus?: PrometheusMetric;
  web?: WebMetric;
}

/** Integers may be written as strings in Argo YAML (`intstr.IntOrString`), e.g. `count: "{{args.n}}"`. */
export type IntOrString = number | string;

export interface Metric {
  name: string;
  interval?: string;
  initialDelay?: string;
  count?: IntOrString;
  successCondition?: string;
  failureCondition?: string;
  failureLimit?: IntOrString;
  inconclusiveLimit?: IntOrString;
  consecutiveErrorLimit?: IntOrString;
  consecutiveSuccessLimit?: IntOrString;
  provider: MetricProvider;
}

export interface DryRun {
  metricName: string;
}

export interface MeasurementRetention {
  metricName: string;
  limit: number;
}

export interface AnalysisTemplateRef {
  templateName: string;
  clusterScope?: boolean;
}

export interface AnalysisTemplateSpec {
  metrics: Metric[];
  args?: Argument[];
  dryRun?: DryRun[];
  measurementRetention?: MeasurementRetention[];
  templates?: AnalysisTemplateRef[];
}

export interface TtlStrategy {
  secondsAfterCompletion?: number;
  secondsAfterFailure?: number;
  secondsAfterSuccess?: number;
}

export interface AnalysisRunSpec {
  metrics: Metric[];
  args?: Argument[];
  dryRun?: DryRun[];
  measurementRetention?: MeasurementRetention[];
  terminate?: boolean;
  ttlStrategy?: TtlStrategy;
}

export type AnalysisKind = 'AnalysisTemplate' | 'ClusterAnalysisTemplate' | 'AnalysisRun';

/** A parsed AnalysisTemplate or ClusterAnalysisTemplate (what a rollout references by name). */
export interface AnalysisTemplateLike {
  kind: 'AnalysisTemplate' | 'ClusterAnalysisTemplate';
  name: string;
  namespace?: string;
  spec: AnalysisTemplateSpec;
}

/** A parsed AnalysisRun manifest (spec only; a status in the file is ignored). */
export interface AnalysisRunObject {
  kind: 'AnalysisRun';
  name: string;
  namespace?: string;
  spec: AnalysisRunSpec;
}

export interface Measurement {
  phase: AnalysisPhase;
  message?: string;
  startedAt?: number;
  finishedAt?: number;
  value?: string;
  metadata?: Record<string, string>;
  resumeAt?: number;
}

export interface MetricResult {
  name: string;
  phase: AnalysisPhase;
  measurements: Measurement[];
  message?: string;
  count: number;
  successful: number;
  failed: number;
  inconclusive: number;
  error: number;
  consecutiveError: number;
  consecutiveSuccess: number;
  dryRun?: boolean;
  metadata?: Record<string, string>;
}

export interface RunSummary {
  count: number;
  successful: number;
  failed: number;
  inconclusive: number;
  error: number;
}

export interface AnalysisRunStatus {
  phase: AnalysisPhase;
  message?: string;
  startedAt?: number;
  completedAt?: number;
  metricResults: MetricResult[];
  runSummary: RunSummary;
  dryRunSummary?: RunSummary;
}
