import { compactPayload } from '../canary/rollout-events.ts';
import type { RolloutAnalysisRunStatus } from '../canary/rollout-status.ts';
import type { ObservedRollout } from './observe-argo-rollout.ts';

/**
 * The timeline events an observer derives from two successive snapshots of a real Rollout (the
 * `kind` backend watches Argo instead of running the built-in engine), with the same types and
 * payloads the built-in controller emits (see canary/rollout-events.ts), so both timelines score
 * the same. Only what the status shows can be derived; ReplicaSet scaling is not.
 */
export interface ObservedEvent {
  type: string;
  data: Record<string, unknown>;
}

export function describeObservedChanges(prev: ObservedRollout | undefined, next: ObservedRollout): ObservedEvent[] {
  const out: ObservedEvent[] = [];
  const add = (type: string, entries: [string, unknown][]): void => void out.push({ type, data: compactPayload([['rollout', next.name], ...entries]) });
  const a = prev?.status;
  const b = next.status;
  if (a && a.currentPodHash !== b.currentPodHash) {
    add('rollout.updated', [['reason', 'RolloutUpdated'], ['revision', b.revision], ['podHash', b.currentPodHash], ['message', `Rollout updated to revision ${b.revision}`]]);
  }
  if (a && a.currentPodHash === b.currentPodHash && a.currentStepIndex !== null && b.currentStepIndex !== null && !b.abort) {
    for (let i = a.currentStepIndex; i < b.currentStepIndex && i < next.steps.length; i++) {
      const step = next.steps[i];
      add('rollout.step.completed', [['reason', 'RolloutStepCompleted'], ['stepIndex', i + 1], ['steps', next.steps.length], ['step', step],
        ['message', `Rollout step ${i + 1}/${next.steps.length} completed (${step})`]]);
    }
  }
  if ((a?.canary.weight ?? 0) !== b.canary.weight) {
    // weightPercent: the weight is out of trafficRouting.maxTrafficWeight, 100 unless a rollout sets another (not read here).
    add('rollout.weight.changed', [['reason', 'TrafficWeightUpdated'], ['weight', b.canary.weight], ['previous', a?.canary.weight ?? 0],
      ['weightPercent', b.canary.weight], ['canary', b.currentPodHash],
      ['message', `Traffic weight updated from ${a?.canary.weight ?? 0} to ${b.canary.weight}`]]);
  }
  addRunChange(add, 'Step', a?.canary.currentStepAnalysisRunStatus ?? null, b.canary.currentStepAnalysisRunStatus);
  addRunChange(add, 'Background', a?.canary.currentBackgroundAnalysisRunStatus ?? null, b.canary.currentBackgroundAnalysisRunStatus);
  const wasPaused = (a?.pauseConditions.length ?? 0) > 0;
  if (!wasPaused && b.pauseConditions.length > 0) {
    const reason = b.pauseConditions[0].reason;
    add('rollout.paused', [['reason', 'RolloutPaused'], ['pauseReason', reason], ['message', `Rollout is paused (${reason})`]]);
  } else if (wasPaused && b.pauseConditions.length === 0 && b.abortedAt === null) {
    add('rollout.resumed', [['reason', 'RolloutResumed'], ['message', 'Rollout is resumed']]);
  }
  if (!a?.abort && b.abort) {
    const message = b.conditions.find((c) => c.reason === 'RolloutAborted')?.message ?? '';
    add('rollout.aborted', [['reason', 'RolloutAborted'], ['revision', b.revision], ['message', message]]);
  }
  if (a && a.stableRS !== b.stableRS && b.stableRS === b.currentPodHash) {
    add('rollout.completed', [['reason', 'RolloutCompleted'], ['revision', b.revision], ['podHash', b.currentPodHash]]);
  }
  if (!a || a.phase !== b.phase || a.message !== b.message) add('rollout.phase', [['phase', b.phase], ['previous', a?.phase ?? null], ['message', b.message]]);
  return out;
}

/** `rollout/analysis.go:emitAnalysisRunStatusChanges`. */
function addRunChange(add: (type: string, e: [string, unknown][]) => void, type: string, prev: RolloutAnalysisRunStatus | null, next: RolloutAnalysisRunStatus | null): void {
  if (!next || next.status === '') return;
  if (prev !== null && !(prev.name === next.name && prev.status !== next.status)) return;
  const previous = prev === null ? 'NoPreviousStatus' : prev.status;
  add('rollout.analysisrun.phase', [['reason', `AnalysisRun${next.status}`], ['run', next.name], ['runType', type], ['phase', next.status], ['previous', previous],
    ['message', `${type} Analysis Run '${next.name}' Status New: '${next.status}' Previous: '${previous}'`]]);
}
