/**
 * The deployed service's Rollout and ReplicaSets as the Argo controller writes them, for tests
 * that play Argo against the stand-in API server (namespace `shop`, Rollout `checkout`).
 */
export const V1 = 'a1'.repeat(20);
export const V2 = 'b2'.repeat(20);
export const owner = [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'checkout', controller: true }];
export const rs = (commit: string, revision: number, replicas: number) => ({
  apiVersion: 'apps/v1', kind: 'ReplicaSet',
  metadata: { name: `checkout-${commit.slice(0, 6)}`, namespace: 'shop', labels: { 'rollouts-pod-template-hash': commit.slice(0, 6) }, annotations: { 'rollout.argoproj.io/revision': String(revision) }, ownerReferences: owner },
  spec: { replicas, template: { metadata: { annotations: { 'firedrill.dev/commit': commit } } } }, status: { availableReplicas: replicas },
});
export const rollout = (commit: string, revision: number, status: Record<string, unknown>) => ({
  apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout',
  metadata: { name: 'checkout', namespace: 'shop', generation: revision, annotations: { 'rollout.argoproj.io/revision': String(revision) } },
  spec: { replicas: 3, strategy: { canary: { trafficRouting: { istio: {} }, steps: [{ setWeight: 20 }, { pause: { duration: 8 } }] } }, template: { metadata: { annotations: { 'firedrill.dev/commit': commit } } } },
  status: { observedGeneration: String(revision), ...status },
});
