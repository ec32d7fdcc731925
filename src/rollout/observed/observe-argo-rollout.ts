import type { AnalysisPhase } from '../analysis/types.ts';
import { calculateRolloutPhase, type PhaseSpec } from '../canary/rollout-phase.ts';
import type { PauseCondition, RolloutAnalysisRunStatus, RolloutCondition, RolloutPhase, RolloutStatus } from '../canary/rollout-status.ts';
import { readAt, readInt, readRecord, readString } from '../spec/raw-access.ts';

/**
 * A Rollout object as the real Argo controller wrote it (e.g. read back from a `kind` cluster)
 * in the engine's status shape, and its phase as `kubectl argo rollouts` reports it
 * (`utils/rollout/rolloututil.go:GetRolloutPhase`): the controller's own phase when it wrote one
 * (v1.0+), otherwise the same `CalculateRolloutPhase` the built-in engine uses.
 */
export interface ObservedRollout {
  name: string;
  phaseSpec: PhaseSpec;
  status: RolloutStatus;
  /** `metadata.generation` == `status.observedGeneration` (v0.10+ semantics). */
  generationObserved: boolean;
  /** Step descriptions as Argo prints them, for step events. */
  steps: string[];
}

export function observeArgoRollout(obj: unknown): ObservedRollout {
  const st = readRecord(readAt(obj, ['status'])) ?? {};
  const generation = readInt(obj, ['metadata', 'generation']);
  const observed = Number.parseInt(readString(st, ['observedGeneration']) ?? '', 10);
  const status: RolloutStatus = {
    phase: 'Progressing',
    message: '',
    revision: Number.parseInt(readString(obj, ['metadata', 'annotations', 'rollout.argoproj.io/revision']) ?? '0', 10),
    currentPodHash: readString(st, ['currentPodHash']) ?? '',
    stableRS: readString(st, ['stableRS']) ?? '',
    currentStepIndex: readInt(st, ['currentStepIndex']) ?? null,
    pauseConditions: ((readAt(st, ['pauseConditions']) as unknown[]) ?? []).map(toPauseCondition),
    controllerPause: readAt(st, ['controllerPause']) === true,
    abort: readAt(st, ['abort']) === true,
    abortedAt: toTime(readAt(st, ['abortedAt'])) ?? null,
    promoteFull: readAt(st, ['promoteFull']) === true,
    replicas: readInt(st, ['replicas']) ?? 0,
    updatedReplicas: readInt(st, ['updatedReplicas']) ?? 0,
    readyReplicas: readInt(st, ['readyReplicas']) ?? 0,
    availableReplicas: readInt(st, ['availableReplicas']) ?? 0,
    canary: {
      weight: readInt(st, ['canary', 'weights', 'canary', 'weight']) ?? 0,
      currentStepAnalysisRunStatus: toRunStatus(readAt(st, ['canary', 'currentStepAnalysisRunStatus'])),
      currentBackgroundAnalysisRunStatus: toRunStatus(readAt(st, ['canary', 'currentBackgroundAnalysisRunStatus'])),
    },
    conditions: ((readAt(st, ['conditions']) as unknown[]) ?? []).map(toCondition),
  };
  const phaseSpec: PhaseSpec = {
    paused: readAt(obj, ['spec', 'paused']) === true,
    replicas: readInt(obj, ['spec', 'replicas']) ?? 1,
    trafficRouting: readAt(obj, ['spec', 'strategy', 'canary', 'trafficRouting']) !== undefined,
  };
  const o: ObservedRollout = {
    name: readString(obj, ['metadata', 'name']) ?? '',
    phaseSpec,
    status,
    generationObserved: Number.isNaN(observed) || generation === undefined || observed >= generation,
    steps: ((readAt(obj, ['spec', 'strategy', 'canary', 'steps']) as unknown[]) ?? []).map(describeRawStep),
  };
  const { phase, message } = computeObservedPhase(o, readString(st, ['phase']) as RolloutPhase | undefined, readString(st, ['message']));
  status.phase = phase;
  status.message = message;
  return o;
}

/** `GetRolloutPhase`. */
function computeObservedPhase(o: ObservedRollout, written?: RolloutPhase, writtenMessage?: string): { phase: RolloutPhase; message: string } {
  if (!o.generationObserved) return { phase: 'Progressing', message: 'waiting for rollout spec update to be observed' };
  if (o.status.controllerPause && o.status.pauseConditions.length === 0) return { phase: 'Progressing', message: 'waiting for rollout to unpause' };
  if (written) return { phase: written, message: writtenMessage ?? '' };
  return calculateRolloutPhase(o.phaseSpec, o.status);
}

function toTime(v: unknown): number | undefined {
  return typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? Date.parse(v) : undefined;
}

function toCondition(c: unknown): RolloutCondition {
  return {
    type: (readString(c, ['type']) ?? '') as RolloutCondition['type'],
    status: (readString(c, ['status']) ?? 'Unknown') as RolloutCondition['status'],
    reason: readString(c, ['reason']) ?? '',
    message: readString(c, ['message']) ?? '',
    lastUpdateTime: toTime(readAt(c, ['lastUpdateTime'])) ?? 0,
    lastTransitionTime: toTime(readAt(c, ['lastTransitionTime'])) ?? 0,
  };
}

function toPauseCondition(c: unknown): PauseCondition {
  return { reason: (readString(c, ['reason']) ?? '') as PauseCondition['reason'], startTime: toTime(readAt(c, ['startTime'])) ?? 0 };
}

function toRunStatus(v: unknown): RolloutAnalysisRunStatus | null {
  const name = readString(v, ['name']);
  if (!name) return null;
  return { name, status: (readString(v, ['status']) ?? '') as AnalysisPhase | '', message: readString(v, ['message']) ?? '' };
}

/** `rolloututil.go:CanaryStepString` over the raw step (any step type, including experiment). */
function describeRawStep(step: unknown): string {
  const r = readRecord(step) ?? {};
  if (typeof r.setWeight === 'number') return `setWeight: ${r.setWeight}`;
  if ('pause' in r) {
    const d = readAt(r, ['pause', 'duration']);
    return d === undefined ? 'pause' : `pause: ${String(d)}`;
  }
  for (const kind of ['experiment', 'analysis']) if (kind in r) return kind;
  const scale = readRecord(r.setCanaryScale);
  if (scale) {
    if (typeof scale.weight === 'number') return `setCanaryScale{weight: ${scale.weight}}`;
    if (scale.matchTrafficWeight) return 'setCanaryScale{matchTrafficWeight: true}';
    if (typeof scale.replicas === 'number') return `setCanaryScale{replicas: ${scale.replicas}}`;
  }
  const plugin = readString(r, ['plugin', 'name']);
  return plugin ? `plugin: ${plugin}` : 'invalid';
}
