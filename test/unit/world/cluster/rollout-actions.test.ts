import { describe, expect, it } from 'vitest';
import { planPromotePatches } from '../../../../src/world/cluster/kube/rollout-patches.ts';
import { runRolloutAction } from '../../../../src/world/cluster/kube/run-rollout-action.ts';
import { UserInputError } from '../../../../src/util/errors.ts';
import { REPLICASETS, ROLLOUTS, useStandIn } from './kube-test-setup.ts';

/**
 * The requests must be the ones `kubectl argo rollouts` sends (pkg/kubectl-argo-rollouts/cmd/{abort,
 * retry,promote,undo} of github.com/argoproj/argo-rollouts, commit 9f8d111): merge patches, status
 * subresource first, the unified patch when the server has no status subresource.
 */
const UID = 'aeddde25-f8bd-4a68-a4a1-523a559bdb83';
const STEPS = [{ setWeight: 20 }, { pause: {} }, { setWeight: 50 }, { pause: { duration: '2m' } }];

function rollout(spec: Record<string, unknown> = {}, status: Record<string, unknown> = {}) {
  return {
    apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout',
    metadata: { name: 'checkout', namespace: 'shop', uid: UID, annotations: { 'rollout.argoproj.io/revision': '3' } },
    spec: { selector: { matchLabels: { app: 'checkout' } }, strategy: { canary: { steps: STEPS } }, template: template('v3'), ...spec },
    status: { currentPodHash: 'h3', stableRS: 'h2', currentStepIndex: 1, ...status },
  };
}

function template(commit: string, hash?: string) {
  return {
    metadata: { labels: { app: 'checkout', ...(hash ? { 'rollouts-pod-template-hash': hash } : {}) }, annotations: { 'firedrill.dev/commit': commit } },
    spec: { containers: [{ name: 'checkout', image: 'firedrill/testbed:dev' }] },
  };
}

function replicaSet(revision: number, commit: string, owner = UID) {
  const hash = `h${revision}`;
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: {
      name: `checkout-${hash}`, namespace: 'shop', labels: { app: 'checkout', 'rollouts-pod-template-hash': hash },
      annotations: { 'rollout.argoproj.io/revision': String(revision) },
      ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'checkout', uid: owner, controller: true }],
    },
    spec: { replicas: 1, template: template(commit, hash) },
  };
}

describe('kubectl argo rollouts commands through the API', () => {
  const s = useStandIn();
  const patches = () => s.fake.requests.filter((r) => r.method === 'PATCH').map((r) => ({ path: r.path.replace(ROLLOUTS, ''), type: r.contentType, body: r.body }));

  it('abort: {"status":{"abort":true}} to the status subresource', async () => {
    s.fake.put(ROLLOUTS, rollout());
    expect(await runRolloutAction(s.api, 'shop', 'checkout', { command: 'abort' })).toBe("rollout 'checkout' aborted");
    expect(patches()).toEqual([{ path: '/checkout/status', type: 'application/merge-patch+json', body: { status: { abort: true } } }]);
    expect(s.fake.get(ROLLOUTS, 'checkout')?.status).toMatchObject({ abort: true });
  });

  it('abort and retry fall back to the resource when there is no status subresource (Argo < v0.10)', async () => {
    s.fake.put(ROLLOUTS, rollout());
    s.fake.statusSubresource = false;
    await runRolloutAction(s.api, 'shop', 'checkout', { command: 'abort' });
    expect(await runRolloutAction(s.api, 'shop', 'checkout', { command: 'retry' })).toBe("rollout 'checkout' retried");
    expect(patches().map((p) => `${p.path} ${JSON.stringify(p.body)}`)).toEqual([
      '/checkout/status {"status":{"abort":true}}', '/checkout {"status":{"abort":true}}',
      '/checkout/status {"status":{"abort":false}}', '/checkout {"status":{"abort":false}}',
    ]);
  });

  it('promote at a pause step clears the pause conditions (and unpauses a paused spec)', async () => {
    s.fake.put(ROLLOUTS, rollout({ paused: true }, { pauseConditions: [{ reason: 'CanaryPauseStep', startTime: '2026-12-04T09:00:00Z' }], controllerPause: true }));
    expect(await runRolloutAction(s.api, 'shop', 'checkout', { command: 'promote' })).toBe("rollout 'checkout' promoted");
    expect(patches().map((p) => [p.path, p.body])).toEqual([['/checkout/status', { status: { pauseConditions: null } }], ['/checkout', { spec: { paused: false } }]]);
    expect(s.fake.get(ROLLOUTS, 'checkout')).toMatchObject({ spec: { paused: false }, status: { controllerPause: true } });
  });

  it('promote while not paused skips the current step; --full sets promoteFull', async () => {
    s.fake.put(ROLLOUTS, rollout({}, { currentStepIndex: 2 }));
    await runRolloutAction(s.api, 'shop', 'checkout', { command: 'promote' });
    expect(await runRolloutAction(s.api, 'shop', 'checkout', { command: 'promote', full: true })).toBe("rollout 'checkout' fully promoted");
    expect(patches().map((p) => p.body)).toEqual([{ status: { pauseConditions: null, currentStepIndex: 3 } }, { status: { promoteFull: true } }]);
  });

  it('promote of an Inconclusive step analysis also clears the controller pause and steps past it', () => {
    const r = rollout({}, {
      currentStepIndex: 1, controllerPause: true, pauseConditions: [{ reason: 'InconclusiveAnalysisRun' }],
      canary: { currentStepAnalysisRunStatus: { name: 'run', status: 'Inconclusive' } },
    });
    expect(planPromotePatches(r)).toEqual({
      status: { status: { pauseConditions: null, controllerPause: false, currentStepIndex: 2 } },
      unified: { spec: { paused: false }, status: { pauseConditions: null } },
    });
    // Past the last step the index stays; a fully promoted rollout needs no promoteFull.
    expect(planPromotePatches(rollout({}, { currentStepIndex: 4 })).status).toEqual({ status: { pauseConditions: null, currentStepIndex: 4 } });
    expect(planPromotePatches(rollout({}, { currentPodHash: 'h2' }), { full: true }).status).toBeUndefined();
  });

  it('promote without a status subresource sends the unified patch instead of the spec patch', async () => {
    s.fake.put(ROLLOUTS, rollout({ paused: true }, { pauseConditions: [{ reason: 'CanaryPauseStep' }] }));
    s.fake.statusSubresource = false;
    await runRolloutAction(s.api, 'shop', 'checkout', { command: 'promote' });
    expect(patches().map((p) => [p.path, p.body])).toEqual([
      ['/checkout/status', { status: { pauseConditions: null } }],
      ['/checkout', { spec: { paused: false }, status: { pauseConditions: null } }],
    ]);
  });

  it('undo puts the previous revision\'s pod template back with a JSON patch, without the hash label', async () => {
    s.fake.put(ROLLOUTS, rollout());
    for (const rs of [replicaSet(1, 'v1'), replicaSet(2, 'v2'), replicaSet(3, 'v3'), replicaSet(9, 'other', 'someone-else')]) s.fake.put(REPLICASETS, rs);
    expect(await runRolloutAction(s.api, 'shop', 'checkout', { command: 'undo' })).toBe("rollout 'checkout' undo");
    const list = s.fake.requests.find((r) => r.path === REPLICASETS);
    expect(list?.query).toEqual({ labelSelector: 'app=checkout' });
    expect(patches()).toEqual([{ path: '/checkout', type: 'application/json-patch+json', body: [{ op: 'replace', path: '/spec/template', value: template('v2') }] }]);
    // Now the template is revision 2's: undo to revision 2 again is skipped, revision 7 does not exist.
    expect(await runRolloutAction(s.api, 'shop', 'checkout', { command: 'undo', toRevision: 2 })).toBe('skipped rollback (current template already matches revision 2)');
    await expect(runRolloutAction(s.api, 'shop', 'checkout', { command: 'undo', toRevision: 7 })).rejects.toThrow('unable to find specified revision 7 in history');
  });

  it('a rollout that is not there is the user\'s error', async () => {
    await expect(runRolloutAction(s.api, 'shop', 'nope', { command: 'promote' })).rejects.toBeInstanceOf(UserInputError);
  });
});
