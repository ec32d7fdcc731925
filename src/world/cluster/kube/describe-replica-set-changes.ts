import { readInt, readString } from '../../../rollout/spec/raw-access.ts';
import type { ObservedEvent } from '../../../rollout/observed/describe-observed-changes.ts';
import type { ObservedRollout } from '../../../rollout/observed/observe-argo-rollout.ts';
import { compactPayload } from '../../../rollout/canary/rollout-events.ts';
import { POD_TEMPLATE_HASH_LABEL, readRevision } from './undo-rollout.ts';

/**
 * `rollout.replicaset.scaled` from two snapshots of a ReplicaSet a Rollout controls (Argo's
 * ScalingReplicaSet event, same message), with its role as the built-in engine names it: `stable`,
 * `canary` (the current pod hash while it is not yet stable) or `old`. A ReplicaSet first seen with
 * replicas counts as scaled from 0: the watch starts before anything is applied.
 */
export function describeReplicaSetChanges(prev: unknown, next: unknown, rolloutName: string, rollout: ObservedRollout | undefined): ObservedEvent[] {
  const from = prev === undefined ? 0 : (readInt(prev, ['spec', 'replicas']) ?? 1);
  const to = readInt(next, ['spec', 'replicas']) ?? 1;
  if (from === to) return [];
  const name = readString(next, ['metadata', 'name']) ?? '';
  const revision = readRevision(next);
  const direction = to > from ? 'up' : 'down';
  return [{
    type: 'rollout.replicaset.scaled',
    data: compactPayload([
      ['rollout', rolloutName], ['reason', 'ScalingReplicaSet'], ['replicaSet', name], ['role', findRole(readString(next, ['metadata', 'labels', POD_TEMPLATE_HASH_LABEL]), rollout)],
      ['revision', revision], ['from', from], ['to', to],
      ['message', `Scaled ${direction} ReplicaSet ${name} (revision ${revision}) from ${from} to ${to}`],
    ]),
  }];
}

function findRole(hash: string | undefined, rollout: ObservedRollout | undefined): string | undefined {
  if (!rollout || !hash) return undefined;
  if (hash === rollout.status.stableRS) return 'stable';
  return hash === rollout.status.currentPodHash ? 'canary' : 'old';
}
