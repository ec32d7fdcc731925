import type { Clock } from '../../clock/clock.ts';
import type { TemplateCatalog } from '../manifests/template-catalog.ts';
import type { RolloutObject } from '../spec/rollout-types.ts';
import type { AnalysisRunHandleLike, AnalysisRunner } from './analysis-runner.ts';
import type { EmitFn } from './rollout-events.ts';
import type { PauseReason, RolloutStatus } from './rollout-status.ts';
import type { RevisionRef, RolloutTarget } from './rollout-target.ts';

/**
 * Everything one rollout's controller knows: Argo keeps this in the Rollout status, its
 * ReplicaSets and AnalysisRuns; here it is one object the reconcile functions read and update.
 */
export interface ReplicaSetState {
  ref: RevisionRef;
  /** Desired pods (ReplicaSet spec.replicas). */
  replicas: number;
  /** Pods available: the last value the target confirmed. */
  available: number;
  /** `scale-down-deadline` annotation: scale to 0 at this time. */
  scaleDownAt: number | null;
  /** A target call in flight for this ReplicaSet. */
  inFlight: boolean;
  /** After a failed call: no new call before this time. */
  retryAt: number | null;
}

/** What the traffic router does: `weight` (0..maxTrafficWeight) to canary, the rest to stable. */
export interface RouterState {
  canaryHash: string;
  stableHash: string;
  weight: number;
}

export interface RunSlot {
  handle: AnalysisRunHandleLike;
  type: 'Step' | 'Background';
  stepIndex?: number;
  podHash: string;
  terminated: boolean;
  unsubscribe: () => void;
}

/** `rollout/pause.go:pauseContext`: what this reconcile wants to change about pause and abort. */
export interface PauseContext {
  addPause: PauseReason[];
  removePause: PauseReason[];
  clearPause: boolean;
  addAbort: boolean;
  removeAbort: boolean;
  abortMessage: string;
}

export interface ResolveFieldRefContext {
  rollout: RolloutObject;
  argName: string;
  stable: RevisionRef;
  canary: RevisionRef;
}

/** Caller-given resolver for `valueFrom.fieldRef`; undefined falls back to the rollout object. */
export type FieldRefResolver = (fieldPath: string, ctx: ResolveFieldRefContext) => string | undefined;

export interface ControllerDeps {
  rollout: RolloutObject;
  catalog: TemplateCatalog;
  clock: Clock;
  target: RolloutTarget;
  runner: AnalysisRunner;
  emit: EmitFn;
  resolveFieldRef?: FieldRefResolver;
}

export interface ControllerState extends ControllerDeps {
  specPaused: boolean;
  status: RolloutStatus;
  replicaSets: Map<string, ReplicaSetState>;
  /** A new pod template hash the next reconcile must pick up (`PodTemplateOrStepsChanged`). */
  pendingUpdate: string | null;
  runs: { step: RunSlot | null; background: RunSlot | null; all: RunSlot[] };
  runNames: Set<string>;
  /** Router state the target confirmed, and whether a call is in flight. */
  router: { applied: RouterState; inFlight: boolean; retryAt: number | null };
  /** First reference problem (`InvalidSpec`), or null. */
  invalidSpec: string | null;
  /** When a failed run creation is retried. */
  runRetryAt: number | null;
  /** Last run-creation error, so it is reported once, not every reconcile. */
  lastRunError: string | null;
  /** The stable hash before the last promotion: kept up for scaleDownDelaySeconds. */
  previousStableHash: string | null;
  stopped: boolean;
  pause: PauseContext;
  /** Asks for a reconcile at the current instant (coalesced, never re-entrant). */
  requestReconcile: () => void;
}

export function createPauseContext(): PauseContext {
  return { addPause: [], removePause: [], clearPause: false, addAbort: false, removeAbort: false, abortMessage: '' };
}

/** `pauseContext.IsAborted`. */
export function isAborted(s: ControllerState): boolean {
  if (s.pause.removeAbort) return false;
  return s.pause.addAbort || s.status.abort;
}

export function addAbort(s: ControllerState, message: string): void {
  s.pause.addAbort = true;
  s.pause.abortMessage = message;
}

export function currentReplicaSet(s: ControllerState): ReplicaSetState {
  return s.replicaSets.get(s.status.currentPodHash)!;
}

export function stableReplicaSet(s: ControllerState): ReplicaSetState | undefined {
  return s.replicaSets.get(s.status.stableRS);
}

export function makeRevisionRef(rolloutName: string, podHash: string, revision: number): RevisionRef {
  return { podHash, revision, replicaSet: `${rolloutName}-${podHash}` };
}
