import type { ClusterEvent, ClusterKind, ClusterLogs, ClusterReads, RolloutTree } from '../../../agents/toolbox/cluster-reads.ts';
import type { RolloutView } from '../../../agents/toolbox/incident-view.ts';
import { readInt, readRecord, readString } from '../../../rollout/spec/raw-access.ts';
import { COMMIT_ANNOTATION } from '../manifests/cluster-objects.ts';
import type { KubeApi } from './kube-api.ts';
import { RESOURCES, type KubeObject } from './kube-object.ts';
import { describeRolloutTree } from './rollout-tree.ts';
import { POD_TEMPLATE_HASH_LABEL } from './undo-rollout.ts';

/**
 * The agents' kubectl reads of one run's namespace, over the same KubeApi the world drives Argo
 * with: nothing cached, every call asks the API server, so an agent sees what the real controller
 * wrote at that moment. Lists are sorted (by time, then name) so equal cluster states read alike.
 */
export class ClusterReader implements ClusterReads {
  constructor(
    private readonly api: KubeApi,
    readonly namespace: string,
    /** The run's Rollout: named after the deployed service, whose processes are the local backend's. */
    private readonly rollout: string,
  ) {}

  async get(kind: ClusterKind, name?: string): Promise<Record<string, unknown>[]> {
    const resource = RESOURCES[kind];
    if (name !== undefined) {
      const obj = await this.api.get({ resource, namespace: this.namespace, name });
      return obj ? [obj] : [];
    }
    return sortByAge(await this.api.list(resource, this.namespace));
  }

  async events(about: { kind?: ClusterKind; name?: string } = {}): Promise<ClusterEvent[]> {
    const all = await this.api.list(RESOURCES.Event, this.namespace);
    const mine = all.filter((e) => (!about.kind || readString(e, ['involvedObject', 'kind']) === about.kind) && (!about.name || readString(e, ['involvedObject', 'name']) === about.name));
    return mine.map(toClusterEvent).sort((a, b) => (a.lastTimestamp ?? '').localeCompare(b.lastTimestamp ?? '') || a.object.localeCompare(b.object) || a.message.localeCompare(b.message));
  }

  async rolloutTree(name = this.rollout): Promise<RolloutTree | undefined> {
    const rollout = await this.api.get({ resource: RESOURCES.Rollout, namespace: this.namespace, name });
    if (!rollout) return undefined;
    const [replicaSets, pods, analysisRuns] = await Promise.all([RESOURCES.ReplicaSet, RESOURCES.Pod, RESOURCES.AnalysisRun].map((r) => this.api.list(r, this.namespace)));
    return describeRolloutTree(rollout, { replicaSets: replicaSets.filter((o) => isOwnedBy(o, name)), pods, analysisRuns: analysisRuns.filter((o) => isOwnedBy(o, name)) });
  }

  async rolloutView(): Promise<RolloutView | undefined> {
    const rollout = await this.api.get({ resource: RESOURCES.Rollout, namespace: this.namespace, name: this.rollout });
    if (!rollout) return undefined;
    const runs = await this.api.list(RESOURCES.AnalysisRun, this.namespace);
    return { rollout, analysisRuns: sortByAge(runs.filter((o) => isOwnedBy(o, this.rollout))) };
  }

  async logsOf(q: { pod?: string; service?: string; version?: 'stable' | 'canary' }): Promise<ClusterLogs | undefined> {
    const processes = 'the pods are kwok\'s and run nothing; the testbed runs as the local backend\'s processes';
    if (q.pod === undefined) {
      const service = q.service ?? this.rollout;
      return { service, ...(q.version ? { version: q.version } : {}), source: `process logs of ${service}${q.version ? ` (${q.version})` : ''}: ${processes}` };
    }
    const pod = await this.api.get({ resource: RESOURCES.Pod, namespace: this.namespace, name: q.pod });
    const hash = pod?.metadata.labels?.[POD_TEMPLATE_HASH_LABEL];
    const rollout = hash ? await this.api.get({ resource: RESOURCES.Rollout, namespace: this.namespace, name: this.rollout }) : undefined;
    if (!pod || !hash || !rollout) return undefined;
    const version = readString(rollout, ['status', 'stableRS']) === hash ? 'stable' : 'canary';
    const commit = pod.metadata.annotations?.[COMMIT_ANNOTATION];
    return { service: this.rollout, version, pod: q.pod, source: `the ${version} process of ${this.rollout}${commit ? ` (commit ${commit.slice(0, 12)})` : ''} that pod ${q.pod} stands for: ${processes}` };
  }
}

function isOwnedBy(obj: KubeObject, rollout: string): boolean {
  return obj.metadata.ownerReferences?.some((r) => r.kind === 'Rollout' && r.name === rollout) ?? false;
}

function sortByAge(objects: KubeObject[]): KubeObject[] {
  const created = (o: KubeObject): string => String(o.metadata.creationTimestamp ?? '');
  return [...objects].sort((a, b) => created(a).localeCompare(created(b)) || a.metadata.name.localeCompare(b.metadata.name));
}

function toClusterEvent(e: KubeObject): ClusterEvent {
  const involved = readRecord(e.involvedObject) ?? {};
  const last = readString(e, ['lastTimestamp']) ?? readString(e, ['eventTime']) ?? readString(e, ['metadata', 'creationTimestamp']);
  const first = readString(e, ['firstTimestamp']) ?? last;
  const from = readString(e, ['source', 'component']) ?? readString(e, ['reportingComponent']);
  return {
    type: readString(e, ['type']) ?? 'Normal',
    reason: readString(e, ['reason']) ?? '',
    object: `${String(involved.kind ?? '')}/${String(involved.name ?? '')}`,
    message: readString(e, ['message']) ?? '',
    count: readInt(e, ['count']) ?? 1,
    ...(first ? { firstTimestamp: first } : {}),
    ...(last ? { lastTimestamp: last } : {}),
    ...(from ? { from } : {}),
  };
}
