import { readArray, readAt, readInt, readRecord } from '../../../rollout/spec/raw-access.ts';

/**
 * The merge patches `kubectl argo rollouts` sends for abort, retry and promote
 * (pkg/kubectl-argo-rollouts/cmd/{abort,retry,promote} of github.com/argoproj/argo-rollouts).
 * `status` goes to the status subresource first; when the server answers NotFound there (Argo
 * before v0.10 kept status in the main resource) the plugin sends `unified` to the resource
 * instead of `spec`. `spec` goes to the resource itself.
 */
export interface RolloutPatches {
  status?: Record<string, unknown>;
  spec?: Record<string, unknown>;
  unified?: Record<string, unknown>;
}

export function planAbortPatches(): RolloutPatches {
  const patch = { status: { abort: true } };
  return { status: patch, unified: patch };
}

export function planRetryPatches(): RolloutPatches {
  const patch = { status: { abort: false } };
  return { status: patch, unified: patch };
}

/** `getPatches` for a canary (the only strategy firedrill runs) without the deprecated skip flags. */
export function planPromotePatches(rollout: unknown, opts: { full?: boolean } = {}): RolloutPatches {
  const paused = readAt(rollout, ['spec', 'paused']) === true;
  const status = readRecord(readAt(rollout, ['status'])) ?? {};
  const pauseConditions = readArray(status, ['pauseConditions']);
  if (opts.full) {
    return {
      ...(paused ? { spec: { spec: { paused: false } } } : {}),
      ...(status.currentPodHash !== status.stableRS ? { status: { status: { promoteFull: true } } } : {}),
      unified: { spec: { paused: false }, status: { promoteFull: true } },
    };
  }
  const out: RolloutPatches = { unified: { spec: { paused: false }, status: { pauseConditions: null } } };
  if (paused) out.spec = { spec: { paused: false } };
  const next = nextStepIndex(rollout);
  const inconclusive = readAt(status, ['canary', 'currentStepAnalysisRunStatus', 'status']) === 'Inconclusive';
  if (inconclusive && pauseConditions.length > 0 && status.controllerPause === true) {
    // An Inconclusive step analysis: clear the pause and step past it, or a following pause step holds it forever.
    if (next !== undefined) out.status = { status: { pauseConditions: null, controllerPause: false, currentStepIndex: next } };
  } else if (pauseConditions.length > 0) {
    out.status = { status: { pauseConditions: null } };
  } else if (next !== undefined) {
    // Not paused: promoting skips the current step (an analysis or experiment still running).
    out.status = { status: { pauseConditions: null, currentStepIndex: next } };
    out.unified = { spec: { paused: false }, status: { pauseConditions: null, currentStepIndex: next } };
  }
  return out;
}

/** `GetCurrentCanaryStep` + 1, capped at the number of steps; undefined without steps. */
function nextStepIndex(rollout: unknown): number | undefined {
  const steps = readArray(rollout, ['spec', 'strategy', 'canary', 'steps']);
  if (steps.length === 0) return undefined;
  const index = readInt(rollout, ['status', 'currentStepIndex']) ?? 0;
  return index < steps.length ? index + 1 : index;
}
