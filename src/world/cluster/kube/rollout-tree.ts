import type { RolloutRevision, RolloutTree } from '../../../agents/toolbox/cluster-reads.ts';
import { readArray, readInt, readRecord, readString } from '../../../rollout/spec/raw-access.ts';
import type { KubeObject } from './kube-object.ts';
import { POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION } from './undo-rollout.ts';

/**
 * What `kubectl argo rollouts get rollout` prints, as data, from the objects the controller wrote
 * (the plugin's `pkg/kubectl-argo-rollouts/info`): status (phase, or Degraded when aborted, as
 * before Argo wrote status.phase), step, set weight (the last setWeight step reached), actual
 * weight (what traffic routing reports; with basic canary, the canary's share of ready pods), and
 * revisions newest first with their ReplicaSets, pods and AnalysisRuns.
 */
export function describeRolloutTree(rollout: KubeObject, owned: { replicaSets: KubeObject[]; pods: KubeObject[]; analysisRuns: KubeObject[] }): RolloutTree {
  const status = readRecord(rollout.status) ?? {};
  const stable = readString(status, ['stableRS']);
  const current = readString(status, ['currentPodHash']);
  const steps = readArray(rollout, ['spec', 'strategy', 'canary', 'steps']);
  const index = readInt(status, ['currentStepIndex']);
  const revisions = new Map<string, RolloutRevision>();
  const at = (obj: KubeObject): RolloutRevision => {
    const revision = obj.metadata.annotations?.[REVISION_ANNOTATION] ?? '?';
    let r = revisions.get(revision);
    if (!r) revisions.set(revision, (r = { revision, replicaSets: [], analysisRuns: [] }));
    return r;
  };
  for (const rs of owned.replicaSets) {
    const hash = rs.metadata.labels?.[POD_TEMPLATE_HASH_LABEL] ?? '';
    const replicas = readInt(rs, ['status', 'replicas']) ?? 0;
    const ready = readInt(rs, ['status', 'readyReplicas']) ?? 0;
    const roles = [hash === stable ? 'stable' : '', hash === current && hash !== stable ? 'canary' : ''].filter(Boolean);
    const pods = owned.pods.filter((p) => p.metadata.labels?.[POD_TEMPLATE_HASH_LABEL] === hash && hash !== '').map(describePod).sort((a, b) => a.name.localeCompare(b.name));
    at(rs).replicaSets.push({ name: rs.metadata.name, hash, roles, status: replicas === 0 ? 'ScaledDown' : ready >= replicas ? 'Healthy' : 'Progressing', replicas, ready, pods });
  }
  for (const run of owned.analysisRuns) at(run).analysisRuns.push({ name: run.metadata.name, status: readString(run, ['status', 'phase']) ?? 'Pending', ...countMeasurements(run) });
  const message = readString(status, ['message']) ?? (status.abort === true ? abortMessage(status) : undefined);
  const setWeight = findSetWeight(steps, index, stable !== undefined && stable === current);
  const actual = readInt(status, ['canary', 'weights', 'canary', 'weight']) ?? basicCanaryWeight(owned.replicaSets, stable, current);
  return {
    name: rollout.metadata.name,
    namespace: rollout.metadata.namespace ?? '',
    status: readString(status, ['phase']) ?? (status.abort === true ? 'Degraded' : 'Progressing'),
    ...(message ? { message } : {}),
    strategy: readRecord(readRecord(readRecord(rollout.spec)?.strategy)?.blueGreen) ? 'BlueGreen' : 'Canary',
    ...(steps.length > 0 && index !== undefined ? { step: `${index}/${steps.length}` } : {}),
    ...(setWeight !== undefined ? { setWeight } : {}),
    ...(actual !== undefined ? { actualWeight: actual } : {}),
    images: readArray(rollout, ['spec', 'template', 'spec', 'containers']).map((c) => readString(c, ['image']) ?? '').filter(Boolean),
    replicas: {
      desired: readInt(rollout, ['spec', 'replicas']) ?? 1, current: readInt(status, ['replicas']), updated: readInt(status, ['updatedReplicas']),
      ready: readInt(status, ['readyReplicas']), available: readInt(status, ['availableReplicas']),
    },
    revisions: [...revisions.values()].sort((a, b) => Number(b.revision) - Number(a.revision)),
  };
}

function describePod(pod: KubeObject): { name: string; status: string; ready: string } {
  const containers = readArray(pod, ['status', 'containerStatuses']);
  const ready = containers.filter((c) => readRecord(c)?.ready === true).length;
  const total = containers.length || readArray(pod, ['spec', 'containers']).length;
  return { name: pod.metadata.name, status: readString(pod, ['status', 'phase']) ?? 'Pending', ready: `${ready}/${total}` };
}

function countMeasurements(run: KubeObject): { successful: number; failed: number; error: number; inconclusive: number } {
  const sum = (field: string): number => readArray(run, ['status', 'metricResults']).reduce<number>((n, m) => n + (readInt(m, [field]) ?? 0), 0);
  return { successful: sum('successful'), failed: sum('failed'), error: sum('error'), inconclusive: sum('inconclusive') };
}

/** The weight of the last setWeight step before the current one; 100 once the rollout is fully promoted. */
function findSetWeight(steps: unknown[], index: number | undefined, promoted: boolean): number | undefined {
  if (steps.length === 0) return undefined;
  if (promoted || index === undefined || index >= steps.length) return 100;
  let weight = 0;
  for (const step of steps.slice(0, index + 1)) weight = readInt(step, ['setWeight']) ?? weight;
  return weight;
}

function basicCanaryWeight(replicaSets: KubeObject[], stable: string | undefined, current: string | undefined): number | undefined {
  const ready = (hash: string | undefined): number => replicaSets.filter((rs) => rs.metadata.labels?.[POD_TEMPLATE_HASH_LABEL] === hash).reduce((n, rs) => n + (readInt(rs, ['status', 'availableReplicas']) ?? 0), 0);
  if (!stable || !current) return undefined;
  if (stable === current) return 100;
  const total = ready(stable) + ready(current);
  return total === 0 ? undefined : Math.round((ready(current) / total) * 100);
}

/** Before status.message, an aborted rollout's reason was the Progressing condition's message. */
function abortMessage(status: Record<string, unknown>): string | undefined {
  const progressing = readArray(status, ['conditions']).find((c) => readString(c, ['type']) === 'Progressing');
  const message = readString(progressing, ['message']);
  return message ? `RolloutAborted: ${message}` : 'RolloutAborted';
}
