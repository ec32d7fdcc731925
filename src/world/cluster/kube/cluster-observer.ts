import { describeObservedChanges, type ObservedEvent } from '../../../rollout/observed/describe-observed-changes.ts';
import { observeArgoRollout, type ObservedRollout } from '../../../rollout/observed/observe-argo-rollout.ts';
import { compactPayload } from '../../../rollout/canary/rollout-events.ts';
import { readAt, readString } from '../../../rollout/spec/raw-access.ts';
import { describeAnalysisRunChanges, type TimeToMs } from './describe-analysis-run-changes.ts';
import { describeReplicaSetChanges } from './describe-replica-set-changes.ts';
import type { WatchChange } from './kube-api.ts';
import type { KubeObject } from './kube-object.ts';

export type WatchedKind = 'Rollout' | 'AnalysisRun' | 'ReplicaSet';

/** Where observed events go: the cluster world puts them on the timeline with its clock's time. */
export type ObservedEventSink = (event: ObservedEvent) => void;

/**
 * Turns the watch streams of Rollouts, AnalysisRuns and ReplicaSets into the timeline events the
 * built-in engine emits for the same happenings, by comparing each object with its previous
 * snapshot. The real controller decides; this only reports. AnalysisRuns and ReplicaSets are
 * attributed to their controlling Rollout (owner reference).
 */
export class ClusterObserver {
  private readonly rollouts = new Map<string, ObservedRollout>();
  private readonly runs = new Map<string, KubeObject>();
  private readonly replicaSets = new Map<string, KubeObject>();

  constructor(
    private readonly sink: ObservedEventSink,
    private readonly toMs: TimeToMs = Date.parse,
  ) {}

  observe(kind: WatchedKind, change: WatchChange): void {
    const obj = change.object;
    const key = `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
    const owner = findController(obj);
    if (kind === 'Rollout') {
      if (change.type === 'DELETED') return void this.rollouts.delete(key);
      const next = observeArgoRollout(obj);
      this.emitAll(describeObservedChanges(this.rollouts.get(key), next));
      this.rollouts.set(key, next);
    } else if (kind === 'AnalysisRun') {
      if (change.type === 'DELETED') return void this.runs.delete(key);
      const prev = this.runs.get(key);
      if (!prev && owner) this.sink({ type: 'rollout.analysisrun.created', data: describeRunCreated(obj, owner) });
      this.emitAll(describeAnalysisRunChanges(prev, obj, this.toMs));
      if (owner && readAt(obj, ['spec', 'terminate']) === true && readAt(prev, ['spec', 'terminate']) !== true) {
        this.sink({ type: 'rollout.analysisrun.terminated', data: { rollout: owner, run: obj.metadata.name, runType: readString(obj, ['metadata', 'labels', 'rollout-type']) ?? '' } });
      }
      this.runs.set(key, obj);
    } else {
      if (change.type === 'DELETED') return void this.replicaSets.delete(key);
      if (owner) this.emitAll(describeReplicaSetChanges(this.replicaSets.get(key), obj, owner, this.rollouts.get(`${obj.metadata.namespace ?? ''}/${owner}`)));
      this.replicaSets.set(key, obj);
    }
  }

  /** The latest snapshot of a Rollout, as the engine's status shape. */
  rollout(namespace: string, name: string): ObservedRollout | undefined {
    return this.rollouts.get(`${namespace}/${name}`);
  }

  private emitAll(events: ObservedEvent[]): void {
    for (const e of events) this.sink(e);
  }
}

/** The name of the Rollout that controls `obj`, if one does. */
function findController(obj: KubeObject): string | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true && r.kind === 'Rollout')?.name;
}

/** Argo labels a run with its type and, for a step's run, the step's index (utils/analysis/factory.go). */
function describeRunCreated(run: KubeObject, rollout: string): Record<string, unknown> {
  const stepIndex = readString(run, ['metadata', 'labels', 'step-index']);
  return compactPayload([['rollout', rollout], ['run', run.metadata.name], ['runType', readString(run, ['metadata', 'labels', 'rollout-type']) ?? ''],
    ['stepIndex', stepIndex === undefined ? undefined : Number.parseInt(stepIndex, 10)]]);
}
