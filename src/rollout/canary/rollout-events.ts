/**
 * Timeline events of the canary controller. Each mirrors a Kubernetes event Argo records on the
 * Rollout (`reason`, and the same `message` text), or a status change an observer sees. Payloads
 * are built key by key in a fixed order, with JSON-safe values, so the timeline is byte-stable.
 *
 *   rollout.updated            { rollout, reason: RolloutUpdated, revision, podHash, message }
 *   rollout.not-completed      { rollout, reason: RolloutNotCompleted, revision, podHash, message }
 *   rollout.skip-steps         { rollout, reason: SkipSteps, message }
 *   rollout.replicaset.scaled  { rollout, reason: ScalingReplicaSet, replicaSet, revision, from, to, message }
 *   rollout.weight.changed     { rollout, reason: TrafficWeightUpdated, weight, previous, weightPercent, canary, message }
 *   rollout.step.completed     { rollout, reason: RolloutStepCompleted, stepIndex, steps, step, message }
 *   rollout.paused             { rollout, reason: RolloutPaused, pauseReason, message }
 *   rollout.resumed            { rollout, reason: RolloutResumed, message }
 *   rollout.analysisrun.created     { rollout, run, type, stepIndex? }
 *   rollout.analysisrun.phase       { rollout, reason: AnalysisRun<Phase>, run, type, phase, previous, message }
 *   rollout.analysisrun.terminated  { rollout, run, type }
 *   rollout.analysisrun.create-failed { rollout, type, stepIndex?, message }
 *   rollout.aborted            { rollout, reason: RolloutAborted, revision, message }
 *   rollout.completed          { rollout, reason: RolloutCompleted, revision, podHash, message }
 *   rollout.phase              { rollout, phase, previous, message }
 *   rollout.target.failed      { rollout, operation, message }
 *
 * `stepIndex` in rollout.step.completed is the 1-based number Argo prints ("step 2/5"). Argo
 * event types: Warning for RolloutAborted and AnalysisRunFailed/Error, Normal otherwise.
 */
export type EmitFn = (type: string, data: Record<string, unknown>) => void;

export function compactPayload(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) if (v !== undefined) out[k] = v;
  return out;
}
