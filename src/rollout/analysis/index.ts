/**
 * Argo Rollouts-compatible analysis engine: AnalysisTemplate / ClusterAnalysisTemplate /
 * AnalysisRun objects, the expr condition language, the `prometheus` and `web` providers and the
 * AnalysisRun controller. Semantics: ../shared/conformance/argo/SEMANTICS.md (read from Argo's
 * Go source at 9f8d111d; the source wins over the docs).
 *
 * The split mirrors Argo: providers measure (metricproviders/*), the evaluator judges
 * (utils/evaluate/evaluate.go), the controller assesses and schedules (analysis/analysis.go).
 *
 * ## API used by the canary controller (signatures are stable)
 *
 * Loading (a parsed YAML value, i.e. `yaml.parse(text)`, or the YamlSource it came from for
 * line numbers; src/config/yaml-source.ts):
 *
 *     validateAnalysisDocument(doc: unknown, opts?: { file?: string; source?: YamlSource })
 *       : { object?: AnalysisTemplateLike | AnalysisRunObject; issues: ConfigIssue[] }
 *       // never throws; every problem with its YAML path, e.g. `spec.metrics[0].provider`
 *     loadAnalysisTemplate(doc: unknown, opts?): AnalysisTemplateLike   // throws ConfigError
 *     loadAnalysisRun(doc: unknown, opts?): AnalysisRunObject           // throws ConfigError
 *     parseAnalysisYaml(text: string, opts?: { file?: string })
 *       : { objects: (AnalysisTemplateLike | AnalysisRunObject)[]; issues: ConfigIssue[] }
 *       // multi-document text; other kinds (Rollout, Service, ...) are skipped, not reported
 *
 * Building a run (what rollout/analysis.go does before creating the AnalysisRun):
 *
 *     resolveTemplateRefs(refs: AnalysisTemplateRef[], catalog: AnalysisTemplateLike[])
 *       : { templates: AnalysisTemplateLike[] }   // nested `templates[]` expanded, de-duplicated;
 *                                                 // throws UserInputError for a missing template
 *     buildAnalysisRunSpec({ templates, args?, dryRun?, measurementRetention?, resolveValueFrom? })
 *       : AnalysisRunSpec
 *       // flattens metrics/args/dryRun/retention (namespaced templates first, then cluster ones,
 *       // helpers.go:FlattenTemplates), merges the rollout args over the template args
 *       // (MergeArgs), resolves rollout-side `valueFrom` (podTemplateHashValue, fieldRef) through
 *       // `resolveValueFrom`, throws UserInputError "args.X was not resolved" etc.
 *       // `{{args.x}}` placeholders are substituted when the run reconciles (an unknown one makes
 *       // the run Error, exactly like Argo), not here.
 *     resolveRolloutArgValue(valueFrom, { stableHash?, latestHash?, rollout? }): string
 *       // a ready `resolveValueFrom` implementation over a Rollout object (factory.go)
 *     findUnboundedMetrics(template: AnalysisTemplateLike): string[]
 *       // Argo's InvalidSpec messages for step / pre- / post-promotion use (indefinite metrics)
 *
 * Running:
 *
 *     startAnalysisRun({ name, spec, clock, metrics, emit, fetchImpl?, providerFactory?, maxReconcilesPerInstant? })
 *       : AnalysisRunHandle
 *     interface AnalysisRunHandle {
 *       readonly name: string;
 *       readonly phase: AnalysisPhase;          // 'Pending' until the first reconcile
 *       readonly status: AnalysisRunStatus;     // a deep copy, Argo-shaped (times in clock ms)
 *       readonly done: Promise<AnalysisRunStatus>;  // resolves once the phase is completed (or on stop())
 *       onChange(cb: (status: AnalysisRunStatus) => void): () => void;  // after every status change
 *       terminate(): void;                      // spec.terminate = true (rollout cancels the run)
 *       stop(): void;                           // drop timers without completing (world teardown)
 *     }
 *
 * The run reconciles at once (a clock event at `clock.now()`), then re-reconciles at the same
 * instant until its status stops changing (§5.1), then sleeps until the next measurement is due.
 * `onChange` fires after each reconcile that changed the status, so the rollout can react in the
 * same instant (§10.1).
 *
 * Timeline events passed to `emit(type, data)` (keys always in this order, values JSON-safe):
 *   analysis.run.phase      { run, phase, previous, message? }
 *   analysis.metric.phase   { run, metric, phase, previous, message?, dryRun? }
 *   analysis.measurement    { run, metric, phase, value?, message?, startedAt, finishedAt, count,
 *                             failed, inconclusive, error, consecutiveError, consecutiveSuccess }
 *   analysis.run.terminate  { run }
 *
 * Conditions and providers on their own (useful for `firedrill validate` and tests):
 *
 *     evaluateCondition(expression: string, result: BoundResult, opts?): boolean  // throws ExprError
 *     evaluateResult(result: BoundResult, metric: Metric): { phase, error? }     // EvaluateResult
 *     bindPrometheusResult(res: QueryResult): { result: BoundResult; value: string } | { error: string }
 *
 * The conformance runner for case files lives in ./conformance/index.ts (runConformanceFile).
 */
export type * from './types.ts';
export { isCompletedPhase } from './types.ts';
export {
  validateAnalysisDocument,
  loadAnalysisTemplate,
  loadAnalysisRun,
  parseAnalysisYaml,
} from './load/load-analysis-document.ts';
export type { LoadOptions, LoadedAnalysisObject } from './load/load-analysis-document.ts';
export { resolveTemplateRefs } from './build/resolve-template-refs.ts';
export { buildAnalysisRunSpec } from './build/build-run-spec.ts';
export type { BuildRunSpecInput, ValueFromResolver } from './build/build-run-spec.ts';
export { resolveRolloutArgValue } from './build/resolve-rollout-arg.ts';
export type { RolloutArgContext } from './build/resolve-rollout-arg.ts';
export { findUnboundedMetrics } from './build/find-unbounded-metrics.ts';
export { resolveMetricArgs } from './build/resolve-metric-args.ts';
export { validateMetrics } from './build/validate-metrics.ts';
export { startAnalysisRun } from './controller/start-analysis-run.ts';
export type { AnalysisRunHandle, StartAnalysisRunOptions, EmitFn } from './controller/start-analysis-run.ts';
export { evaluateCondition, ExprError } from './expr/evaluate-condition.ts';
export type { BoundResult } from './expr/bound-result.ts';
export { bindFloat, bindFloats, bindJson, bindString } from './expr/bound-result.ts';
export { evaluateResult } from './evaluate/evaluate-result.ts';
export { bindPrometheusResult } from './providers/prometheus-result.ts';
export type { ProviderFactory, MetricProviderImpl, MeasureContext } from './providers/metric-provider.ts';
export { EVENT_MEASUREMENT, EVENT_METRIC_PHASE, EVENT_RUN_PHASE, EVENT_RUN_TERMINATE } from './controller/analysis-events.ts';
