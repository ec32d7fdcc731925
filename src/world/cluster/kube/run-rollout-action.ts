import { isNotFound, type KubeApi } from './kube-api.ts';
import { describeRef, RESOURCES, type KubeRef } from './kube-object.ts';
import { planAbortPatches, planPromotePatches, planRetryPatches, type RolloutPatches } from './rollout-patches.ts';
import { formatSelector, planUndo } from './undo-rollout.ts';
import { UserInputError } from '../../../util/errors.ts';

/** A human's (or an agent's) command on a Rollout, as `kubectl argo rollouts <command>` names it. */
export type RolloutAction =
  | { command: 'abort' }
  | { command: 'retry' }
  | { command: 'promote'; full?: boolean }
  | { command: 'undo'; toRevision?: number };

/**
 * Sends `action` to the Rollout `name` through the API exactly as the kubectl plugin does, and
 * returns the line the plugin prints (`rollout 'checkout' aborted`).
 */
export async function runRolloutAction(api: KubeApi, namespace: string, name: string, action: RolloutAction): Promise<string> {
  const ref: KubeRef = { resource: RESOURCES.Rollout, namespace, name };
  switch (action.command) {
    case 'abort':
      await sendPatches(api, ref, planAbortPatches());
      return `rollout '${name}' aborted`;
    case 'retry':
      await sendPatches(api, ref, planRetryPatches());
      return `rollout '${name}' retried`;
    case 'promote': {
      const rollout = await getRollout(api, ref);
      await sendPatches(api, ref, planPromotePatches(rollout, { full: action.full }));
      return action.full ? `rollout '${name}' fully promoted` : `rollout '${name}' promoted`;
    }
    case 'undo': {
      const rollout = await getRollout(api, ref);
      const replicaSets = await api.list(RESOURCES.ReplicaSet, namespace, formatSelector(rollout));
      const plan = planUndo(rollout, replicaSets, action.toRevision ?? 0);
      if ('skipped' in plan) return plan.skipped;
      await api.patch(ref, { type: 'json', body: plan.patch });
      return `rollout '${name}' undo`;
    }
  }
}

async function getRollout(api: KubeApi, ref: KubeRef) {
  const rollout = await api.get(ref);
  if (!rollout) throw new UserInputError(`${describeRef(ref)} not found`, { hint: 'is the stack applied to this cluster? (firedrill cluster status)' });
  return rollout;
}

/** Status subresource first; on NotFound the unified patch to the resource instead of the spec patch. */
async function sendPatches(api: KubeApi, ref: KubeRef, p: RolloutPatches): Promise<void> {
  let spec = p.spec;
  if (p.status) {
    try {
      await api.patch(ref, { type: 'merge', body: p.status, subresource: 'status' });
    } catch (err) {
      if (!isNotFound(err)) throw err;
      spec = p.unified;
    }
  }
  if (spec) await api.patch(ref, { type: 'merge', body: spec });
}
