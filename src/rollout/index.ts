/**
 * Argo Rollouts-compatible canary engine (issue #4, the Rollout half). Semantics:
 * ../shared/conformance/argo/SEMANTICS.md §6-§8, §10 (read from Argo's Go source at 9f8d111d).
 * The analysis half (AnalysisTemplate/Run, expr, providers) has its own surface in
 * ./analysis/index.ts.
 *
 *   loadArgoManifests(text, file, { requireTemplates? }) -> { rollouts, analysisTemplates,
 *     clusterAnalysisTemplates, ignored, issues }          // never throws; issues carry YAML paths
 *   checkRolloutReferences(rollout, catalog, { requireAll }) // InvalidSpec problems, as PathIssues (src/config)
 *   startRolloutController({ rollout, templates, clusterTemplates, clock, metrics, target, emit,
 *     resolveFieldRef?, initialPodHash?, analysisRunner? }) -> RolloutControllerHandle
 *   observeArgoRollout(obj), describeObservedChanges(prev, next)  // a real Rollout -> same events
 */
export { loadArgoManifests, SUPPORTED_KINDS } from './manifests/load-argo-manifests.ts';
export type { ArgoManifests, IgnoredManifest, LoadArgoManifestsOptions } from './manifests/load-argo-manifests.ts';
export { checkRolloutReferences } from './manifests/rollout-references.ts';
export type { TemplateCatalog } from './manifests/template-catalog.ts';
export { parseRolloutDocument } from './spec/parse-rollout.ts';
export type * from './spec/rollout-types.ts';
export * from './spec/rollout-defaults.ts';
export { computePauseDurationSeconds } from './spec/pause-duration.ts';
export { formatCanaryStep } from './spec/step-string.ts';
export { startRolloutController } from './canary/start-rollout-controller.ts';
export type { RolloutControllerHandle, StartRolloutControllerOptions } from './canary/start-rollout-controller.ts';
export type { RevisionRef, RolloutTarget } from './canary/rollout-target.ts';
export type { AnalysisRunHandleLike, AnalysisRunner, AnalysisRunRequest, AnalysisRunView } from './canary/analysis-runner.ts';
export { createAnalysisRunner } from './canary/default-analysis-runner.ts';
export type { FieldRefResolver, ResolveFieldRefContext } from './canary/controller-state.ts';
export type { EmitFn as RolloutEmitFn } from './canary/rollout-events.ts';
export type * from './canary/rollout-status.ts';
export { isFullyPromoted } from './canary/rollout-status.ts';
export { calculateRolloutPhase } from './canary/rollout-phase.ts';
export type { PhaseSpec } from './canary/rollout-phase.ts';
export { observeArgoRollout } from './observed/observe-argo-rollout.ts';
export type { ObservedRollout } from './observed/observe-argo-rollout.ts';
export { describeObservedChanges } from './observed/describe-observed-changes.ts';
export type { ObservedEvent } from './observed/describe-observed-changes.ts';
