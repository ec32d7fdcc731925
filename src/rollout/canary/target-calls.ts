import { compactPayload } from './rollout-events.ts';
import type { ControllerState, ReplicaSetState, RouterState } from './controller-state.ts';
import type { RevisionRef } from './rollout-target.ts';

/**
 * Calls into the RolloutTarget. A call that returns a Promise is "in flight" until it settles;
 * the result is applied then, and a reconcile is requested (the ReplicaSet or router changed,
 * like an informer update in Argo). Failures are reported and retried after 10 s.
 */
export const TARGET_RETRY_MS = 10_000;

type Outcome = { ok: true } | { ok: false; message: string };

function invokeTarget(s: ControllerState, operation: string, call: () => void | Promise<void>, settle: (o: Outcome) => void): boolean {
  let result: void | Promise<void>;
  try {
    result = call();
  } catch (err) {
    reportFailure(s, operation, err);
    settle({ ok: false, message: String(err) });
    return false;
  }
  if (!result || typeof (result as Promise<void>).then !== 'function') {
    settle({ ok: true });
    return false;
  }
  (result as Promise<void>).then(
    () => {
      if (s.stopped) return;
      settle({ ok: true });
      s.requestReconcile();
    },
    (err: unknown) => {
      if (s.stopped) return;
      reportFailure(s, operation, err);
      settle({ ok: false, message: String(err) });
      s.requestReconcile();
    },
  );
  return true;
}

function reportFailure(s: ControllerState, operation: string, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  s.emit('rollout.target.failed', compactPayload([['rollout', s.rollout.name], ['operation', operation], ['message', message]]));
}

/** Scales a ReplicaSet (`scaleReplicaSetAndRecordEvent`). False when nothing was started. */
export function scaleReplicaSet(s: ControllerState, rs: ReplicaSetState, replicas: number, role: string): boolean {
  const now = s.clock.now();
  if (rs.replicas === replicas || rs.inFlight || (rs.retryAt !== null && now < rs.retryAt)) return false;
  const from = rs.replicas;
  rs.replicas = replicas;
  rs.available = Math.min(rs.available, replicas);
  rs.retryAt = null;
  const direction = replicas > from ? 'up' : 'down';
  s.emit('rollout.replicaset.scaled', compactPayload([
    ['rollout', s.rollout.name], ['reason', 'ScalingReplicaSet'], ['replicaSet', rs.ref.replicaSet], ['role', role],
    ['revision', rs.ref.revision], ['from', from], ['to', replicas],
    ['message', `Scaled ${direction} ReplicaSet ${rs.ref.replicaSet} (revision ${rs.ref.revision}) from ${from} to ${replicas}`],
  ]));
  const scale = s.target.scaleReplicaSet;
  rs.inFlight = invokeTarget(s, 'scaleReplicaSet', () => scale?.call(s.target, rs.ref, replicas), (o) => {
    rs.inFlight = false;
    if (o.ok && rs.replicas === replicas) rs.available = replicas;
    if (!o.ok) {
      rs.replicas = from;
      rs.retryAt = s.clock.now() + TARGET_RETRY_MS;
    }
  });
  return true;
}

/** Moves the router from its applied state to `desired`. False when nothing was started. */
export function applyRouterState(s: ControllerState, desired: RouterState, percent: (w: number) => number, aborted: boolean): boolean {
  const r = s.router;
  const a = r.applied;
  const now = s.clock.now();
  if (r.inFlight || (r.retryAt !== null && now < r.retryAt)) return false;
  if (a.canaryHash === desired.canaryHash && a.stableHash === desired.stableHash && a.weight === desired.weight) return false;
  const ref = (hash: string): RevisionRef => s.replicaSets.get(hash)!.ref;
  let operation: string;
  let call: () => void | Promise<void>;
  if (desired.stableHash !== a.stableHash) {
    operation = 'promote';
    call = () => s.target.promote(ref(desired.stableHash), ref(a.stableHash));
  } else if (aborted && desired.weight === 0 && a.weight > 0) {
    operation = 'abortToStable';
    call = () => s.target.abortToStable(ref(desired.stableHash), ref(a.canaryHash));
  } else {
    operation = 'setCanaryWeight';
    call = () => s.target.setCanaryWeight(percent(desired.weight), ref(desired.canaryHash), ref(desired.stableHash));
  }
  const next = { ...desired };
  r.retryAt = null;
  r.inFlight = invokeTarget(s, operation, call, (o) => {
    r.inFlight = false;
    if (!o.ok) {
      r.retryAt = s.clock.now() + TARGET_RETRY_MS;
      return;
    }
    const previous = r.applied.weight;
    r.applied = next;
    if (previous !== next.weight) emitWeightChanged(s, previous, next, percent(next.weight));
  });
  return true;
}

function emitWeightChanged(s: ControllerState, previous: number, next: RouterState, weightPercent: number): void {
  s.status.canary.weight = next.weight;
  s.emit('rollout.weight.changed', compactPayload([
    ['rollout', s.rollout.name], ['reason', 'TrafficWeightUpdated'], ['weight', next.weight], ['previous', previous],
    ['weightPercent', weightPercent], ['canary', next.canaryHash],
    ['message', `Traffic weight updated from ${previous} to ${next.weight}`],
  ]));
}
