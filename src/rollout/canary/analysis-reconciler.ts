import { isCompletedPhase } from '../analysis/types.ts';
import type { RolloutAnalysis } from '../spec/rollout-types.ts';
import type { AnalysisRunHandleLike } from './analysis-runner.ts';
import { getCurrentStep } from './canary-steps.ts';
import { addAbort, isAborted, type ControllerState, type RunSlot } from './controller-state.ts';
import { compactPayload } from './rollout-events.ts';
import { isFullyPromoted, type RolloutAnalysisRunStatus } from './rollout-status.ts';
import { buildRunRequest } from './run-request.ts';

/**
 * `rollout/analysis.go:reconcileAnalysisRuns` for canary: create, react to and cancel the step
 * and background runs. The rollout reacts to the run phase only (SEMANTICS §6.5).
 */
export const RUN_RETRY_MS = 30_000;

export function reconcileAnalysisRuns(s: ControllerState): void {
  const prev = { step: s.status.canary.currentStepAnalysisRunStatus, background: s.status.canary.currentBackgroundAnalysisRunStatus };
  const cancel = isFullyPromoted(s.status) || isAborted(s) || s.status.promoteFull || s.status.stableRS === '';
  if (cancel) {
    s.runs.step = null;
    s.runs.background = null;
  } else {
    s.runs.step = reconcileStepRun(s);
    s.runs.background = reconcileBackgroundRun(s);
  }
  for (const slot of s.runs.all) {
    if (slot !== s.runs.step && slot !== s.runs.background) terminateRun(s, slot);
  }
  s.status.canary.currentStepAnalysisRunStatus = describeRun(s.runs.step);
  s.status.canary.currentBackgroundAnalysisRunStatus = describeRun(s.runs.background);
  emitRunPhaseChange(s, prev.step, s.runs.step);
  emitRunPhaseChange(s, prev.background, s.runs.background);
}

function reconcileStepRun(s: ControllerState): RunSlot | null {
  const current = s.runs.step;
  if (s.status.pauseConditions.length > 0 || s.status.abort) return current;
  const at = getCurrentStep(s.rollout, s.status);
  const block = at?.step.type === 'analysis' ? at.step.analysis : undefined;
  if (!at || !block || block.templates.length === 0 || (current && current.stepIndex !== at.index)) return null;
  if (needsNewRun(s, current)) return createRun(s, block, 'Step', at.index);
  reactToPhase(s, current!, 'Step-based analysis phase error/failed');
  return current;
}

function reconcileBackgroundRun(s: ControllerState): RunSlot | null {
  const block = s.rollout.spec.strategy.canary.analysis;
  const current = s.runs.background;
  if (!block || block.templates.length === 0) return null;
  const index = s.status.currentStepIndex;
  const beforeStart = block.startingStep !== undefined && index !== null && index < block.startingStep;
  if (s.status.currentPodHash === '' || beforeStart) return null;
  if (s.status.pauseConditions.some((c) => c.reason === 'InconclusiveAnalysisRun')) return current;
  if (needsNewRun(s, current)) return createRun(s, block, 'Background');
  reactToPhase(s, current!, 'Background analysis phase error/failed');
  return current;
}

/** `needsNewAnalysisRun`: none yet; resumed after an Inconclusive pause; or retried after an abort. */
function needsNewRun(s: ControllerState, current: RunSlot | null): boolean {
  if (!current) return true;
  const st = s.status;
  if (st.controllerPause && !st.pauseConditions.some((c) => c.reason === 'CanaryPauseStep')) {
    return observedPhase(current.handle) === 'Inconclusive';
  }
  return st.abortedAt !== null;
}

function reactToPhase(s: ControllerState, slot: RunSlot, abortPrefix: string): void {
  const phase = observedPhase(slot.handle);
  if (phase === 'Inconclusive') s.pause.addPause.push('InconclusiveAnalysisRun');
  if (phase === 'Failed' || phase === 'Error') {
    const message = slot.handle.status.message ?? '';
    addAbort(s, message ? `${abortPrefix}: ${message}` : abortPrefix);
  }
}

function createRun(s: ControllerState, block: RolloutAnalysis, type: 'Step' | 'Background', stepIndex?: number): RunSlot | null {
  if (s.runRetryAt !== null && s.clock.now() < s.runRetryAt) return null;
  let handle: AnalysisRunHandleLike;
  try {
    const request = buildRunRequest(s, block, type, stepIndex);
    handle = s.runner.start(request);
    s.runNames.add(request.name);
  } catch (err) {
    // Argo cannot create the run: the reconcile errors and is retried; the rollout stays where it is.
    const message = err instanceof Error ? err.message : String(err);
    s.runRetryAt = s.clock.now() + RUN_RETRY_MS;
    if (s.lastRunError !== message) {
      s.lastRunError = message;
      s.emit('rollout.analysisrun.create-failed', compactPayload([['rollout', s.rollout.name], ['runType', type], ['stepIndex', stepIndex], ['message', message]]));
    }
    return null;
  }
  s.runRetryAt = null;
  s.lastRunError = null;
  const slot: RunSlot = { handle, type, stepIndex, podHash: s.status.currentPodHash, terminated: false, unsubscribe: () => {} };
  slot.unsubscribe = handle.onChange(() => s.requestReconcile());
  s.runs.all.push(slot);
  s.emit('rollout.analysisrun.created', compactPayload([['rollout', s.rollout.name], ['run', handle.name], ['runType', type], ['stepIndex', stepIndex]]));
  return slot;
}

export function terminateRun(s: ControllerState, slot: RunSlot): void {
  if (slot.terminated || isCompletedPhase(slot.handle.status.phase)) return;
  slot.terminated = true;
  slot.handle.terminate();
  s.emit('rollout.analysisrun.terminated', compactPayload([['rollout', s.rollout.name], ['run', slot.handle.name], ['runType', slot.type]]));
}

/** The phase as Argo's rollout sees it: "" until the run's first reconcile stamped startedAt. */
function observedPhase(h: AnalysisRunHandleLike): string {
  return h.status.startedAt === undefined && h.status.phase === 'Pending' ? '' : h.status.phase;
}

function describeRun(slot: RunSlot | null): RolloutAnalysisRunStatus | null {
  if (!slot) return null;
  return { name: slot.handle.name, status: observedPhase(slot.handle) as RolloutAnalysisRunStatus['status'], message: slot.handle.status.message ?? '' };
}

/** `emitAnalysisRunStatusChanges`: only for the same run, or when there was none before. */
function emitRunPhaseChange(s: ControllerState, prev: RolloutAnalysisRunStatus | null, slot: RunSlot | null): void {
  if (!slot) return;
  const phase = observedPhase(slot.handle);
  if (phase === '') return;
  if (prev !== null && !(prev.name === slot.handle.name && prev.status !== phase)) return;
  const previous = prev === null ? 'NoPreviousStatus' : prev.status;
  s.emit('rollout.analysisrun.phase', compactPayload([
    ['rollout', s.rollout.name], ['reason', `AnalysisRun${phase}`], ['run', slot.handle.name], ['runType', slot.type],
    ['phase', phase], ['previous', previous],
    ['message', `${slot.type} Analysis Run '${slot.handle.name}' Status New: '${phase}' Previous: '${previous}'`],
  ]));
}
