import type { RolloutControllerHandle } from '../../../rollout/canary/start-rollout-controller.ts';
import type { RolloutTarget } from '../../../rollout/canary/rollout-target.ts';
import { cloneStatus, isFullyPromoted, type RolloutStatus } from '../../../rollout/canary/rollout-status.ts';
import { compactPayload } from '../../../rollout/canary/rollout-events.ts';
import { planDeployPatch } from '../manifests/cluster-objects.ts';
import { ClusterObserver, type WatchedKind } from './cluster-observer.ts';
import { ArgoTrafficFollower } from './follow-argo-traffic.ts';
import type { KubeApi, WatchChange } from './kube-api.ts';
import type { AnalysisTemplateLike } from '../../../rollout/analysis/types.ts';
import { RESOURCES, type KubeObject, type KubeRef } from './kube-object.ts';
import { runRolloutAction, type RolloutAction } from './run-rollout-action.ts';
import { watchCluster, type ClusterWatch } from './watch-cluster.ts';

export interface ArgoControllerOptions {
  api: KubeApi;
  namespace: string;
  /** The Rollout (already applied) this handle drives. */
  rollout: string;
  /** The runner names revisions by pod hashes of its own; the cluster by commits (the pod-template annotation). */
  commitOfHash: (hash: string) => string;
  hashOfCommit: (commit: string) => string;
  /** Where the observed events go (the timeline), with the same types and payloads as the built-in engine's. */
  emit: (type: string, data: Record<string, unknown>) => void;
  /** The testbed (WorldRolloutTarget over the local backend's processes): follows the split Argo sets. */
  target?: RolloutTarget;
  /** A fix's parsed AnalysisTemplates as this run's objects (namespace, labels, Prometheus address, compressed durations); without it applyTemplates refuses. */
  renderTemplates?: (templates: readonly AnalysisTemplateLike[]) => KubeObject[];
  /** The body of a deploy's merge patch (default: planDeployPatch); kind's also names the commit's code and publishes it first. */
  deployPatch?: (commit: string) => Promise<Record<string, unknown>>;
}

export interface ArgoControllerHandle extends RolloutControllerHandle {
  /** Resolves once the watches are open and the Rollout and its current ReplicaSets have been seen. */
  readonly ready: Promise<void>;
}

/**
 * The real Argo Rollouts controller behind the built-in engine's RolloutControllerHandle, so the
 * runner drives either the same way: update = a deploy patch (new commit annotation), the
 * kubectl-plugin commands = the plugin's patches, status = what Argo wrote (pod hashes translated
 * to the runner's), events = the observed changes. Commands are fire-and-forget like the built-in
 * ones; a failed API call is a `rollout.target.failed` event.
 */
export function startArgoController(o: ArgoControllerOptions): ArgoControllerHandle {
  const ref: KubeRef = { resource: RESOURCES.Rollout, namespace: o.namespace, name: o.rollout };
  const listeners = new Set<(st: RolloutStatus) => void>();
  const noTarget: RolloutTarget = { setCanaryWeight: () => {}, promote: () => {}, abortToStable: () => {} };
  const follower: ArgoTrafficFollower = new ArgoTrafficFollower(o.target ?? noTarget, o.rollout, (h) => translate(h));
  let stopped = false;
  let expectedHash: string | undefined;
  // A deploy waits for the templates applied before it: Argo reads them when it creates the AnalysisRun.
  let templatesApplied: Promise<unknown> = Promise.resolve();
  let seen: () => void = () => {};
  const firstSeen = new Promise<void>((resolve) => (seen = resolve));
  const observer = new ClusterObserver((e) => o.emit(e.type, e.data));
  const translate = (hash: string): string => {
    const commit = follower.commitOf(hash);
    return commit === undefined ? hash : o.hashOfCommit(commit);
  };
  // Translated when asked: the ReplicaSet that names a hash's commit may arrive after the Rollout (separate watch streams).
  const current = (): RolloutStatus | undefined => {
    const observed = observer.rollout(o.namespace, o.rollout);
    return observed && { ...cloneStatus(observed.status), currentPodHash: translate(observed.status.currentPodHash), stableRS: translate(observed.status.stableRS) };
  };
  const notify = {
    observe: (kind: WatchedKind, change: WatchChange): void => {
      const mine = kind === 'Rollout' ? change.object.metadata.name === o.rollout : kind === 'ReplicaSet' && change.object.metadata.ownerReferences?.some((r) => r.controller && r.name === o.rollout);
      const st = mine ? current() : undefined;
      if (!st) return;
      const raw = observer.rollout(o.namespace, o.rollout)!.status;
      if ([raw.stableRS, raw.currentPodHash].every((h) => h === '' || follower.commitOf(h) !== undefined)) seen();
      for (const l of [...listeners]) l(cloneStatus(st));
    },
  };
  const watch: ClusterWatch = watchCluster(o.api, o.namespace, [observer, follower, notify]);
  const send = (operation: string, call: () => Promise<unknown>): void => {
    if (stopped) return;
    call().catch((err: unknown) => o.emit('rollout.target.failed', compactPayload([['rollout', o.rollout], ['operation', operation], ['message', (err as Error).message]])));
  };
  const command = (name: string, action: RolloutAction): void => {
    if (stopped) return;
    o.emit('rollout.command', { rollout: o.rollout, command: name });
    send(name, () => runRolloutAction(o.api, o.namespace, o.rollout, action));
  };
  return {
    name: o.rollout,
    ready: Promise.all([watch.ready, firstSeen]).then(() => undefined),
    status: () => {
      const st = current();
      if (!st) throw new Error(`Rollout ${o.namespace}/${o.rollout} has not been observed yet (await ready)`);
      return st;
    },
    update(podHash) {
      expectedHash = podHash;
      send('update', async () => {
        await templatesApplied.catch(() => undefined);
        const commit = o.commitOfHash(podHash);
        return o.api.patch(ref, { type: 'merge', body: o.deployPatch ? await o.deployPatch(commit) : planDeployPatch(commit) });
      });
    },
    promote: (opts = {}) => command(opts.full ? 'promote-full' : 'promote', { command: 'promote', full: opts.full }),
    abort: () => command('abort', { command: 'abort' }),
    retry: () => command('retry', { command: 'retry' }),
    setPaused: (paused) => {
      if (stopped) return;
      o.emit('rollout.command', { rollout: o.rollout, command: paused ? 'pause' : 'resume' });
      send(paused ? 'pause' : 'resume', () => o.api.patch(ref, { type: 'merge', body: { spec: { paused } } }));
    },
    applyTemplates(templates, clusterTemplates = []) {
      if (stopped) return;
      if (!o.renderTemplates) {
        o.emit('rollout.target.failed', { rollout: o.rollout, operation: 'applyTemplates', message: 'this cluster world cannot render AnalysisTemplates for the API server: the fix deploys with the templates already applied' });
        return;
      }
      const objects = o.renderTemplates([...templates, ...clusterTemplates]);
      const applying = Promise.all(objects.map((obj) => o.api.apply(obj)));
      templatesApplied = applying;
      send('applyTemplates', () => applying);
    },
    onChange(cb) {
      listeners.add(cb);
      return () => void listeners.delete(cb);
    },
    waitForSettled(signal) {
      return new Promise((resolve, reject) => {
        const check = (st: RolloutStatus): void => {
          if (expectedHash !== undefined && st.currentPodHash !== expectedHash) return;
          if (st.phase === 'Degraded' || (st.phase === 'Healthy' && isFullyPromoted(st))) finish(() => resolve(cloneStatus(st)));
        };
        const onAbort = (): void => finish(() => reject(signal?.reason ?? new Error('aborted')));
        const finish = (fn: () => void): void => {
          listeners.delete(check);
          signal?.removeEventListener('abort', onAbort);
          fn();
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        listeners.add(check);
        const st = current();
        if (st) check(st);
      });
    },
    stop() {
      stopped = true;
      watch.stop();
    },
  };
}
