import { describeChange, measureRatio, readNumber } from './measure-numbers.ts';
import type { Measured, ValueRule } from './rule-types.ts';

/**
 * Rules for Kubernetes objects in any YAML file of the repository, by kind: whatever file an
 * object sits in, a Role is access and a VirtualService is routing. The forbidden kinds count
 * any change to such an object, a revert included; workloads are measured.
 */
const RBAC_KINDS = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ServiceAccount'];
const SECRET_KINDS = ['Secret', 'SealedSecret', 'ExternalSecret'];
const ROUTING_KINDS = ['Service', 'Ingress', 'IngressRoute', 'VirtualService', 'DestinationRule', 'Gateway', 'HTTPRoute', 'GRPCRoute', 'TrafficSplit', 'ServiceEntry', 'NetworkPolicy'];
const POLICY_KINDS = ['ConstraintTemplate', 'ClusterPolicy', 'Policy', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'PodSecurityPolicy'];
const WORKLOAD_KINDS = ['Rollout', 'Deployment', 'StatefulSet', 'ReplicaSet'];

function forbiddenKind(id: string, cls: Measured['class'], kinds: string[], why: string): ValueRule {
  return {
    id,
    kind: 'value',
    files: 'yaml',
    scope: 'object',
    objectKinds: kinds,
    classes: [cls],
    matches: `any change to a ${kinds.join(', ')} (added, removed, edited, reverted)`,
    why,
    measure: (_leaf, ctx) => [{ class: cls, detail: `${ctx.doc} ${ctx.before === undefined ? 'added' : ctx.after === undefined ? 'removed' : 'changed'}` }],
  };
}

export const FORBIDDEN_OBJECT_RULES: ValueRule[] = [
  forbiddenKind('object-rbac', 'rbac', RBAC_KINDS, 'who may do what in the cluster: a bot that widens its own access has escaped its box'),
  forbiddenKind('object-secret', 'secrets', SECRET_KINDS, 'credentials: never changed, read back or moved by an automated fix'),
  forbiddenKind('object-routing', 'traffic-routing', ROUTING_KINDS, 'where traffic goes: a routing change can bypass the canary, the analysis and the stable version'),
  forbiddenKind('object-policy', 'policy', POLICY_KINDS, 'admission and compliance policy objects: the guard may not rewrite its own rules'),
];

export const WORKLOAD_RULES: ValueRule[] = [
  {
    id: 'workload-replicas',
    kind: 'value',
    files: 'yaml',
    scope: 'value',
    objectKinds: WORKLOAD_KINDS,
    path: /^spec\.replicas$/,
    classes: ['scale'],
    matches: '`spec.replicas` of a Rollout, Deployment, StatefulSet or ReplicaSet',
    why: 'capacity; the factor says how far it moved',
    measure: (leaf, ctx) => [measureReplicas(`${ctx.doc} spec.replicas`, leaf.from, leaf.to)],
  },
  {
    id: 'workload-autoscaler',
    kind: 'value',
    files: 'yaml',
    scope: 'value',
    objectKinds: ['HorizontalPodAutoscaler'],
    path: /^spec\.(minReplicas|maxReplicas)$/,
    classes: ['scale'],
    matches: '`spec.minReplicas` / `spec.maxReplicas` of a HorizontalPodAutoscaler',
    why: 'capacity bounds; the factor says how far they moved',
    measure: (leaf, ctx, m) => [measureReplicas(`${ctx.doc} spec.${m?.[1]}`, leaf.from, leaf.to)],
  },
  {
    id: 'workload-restart',
    kind: 'value',
    files: 'yaml',
    scope: 'value',
    objectKinds: WORKLOAD_KINDS,
    path: /^spec\.restartAt$|^spec\.template\.metadata\.annotations\.("?)[\w./-]*restart[\w./-]*\1$/i,
    classes: ['restart'],
    matches: 'a Rollout\'s `spec.restartAt`, or a restart annotation on the pod template (`kubectl.kubernetes.io/restartedAt`)',
    why: 'what `kubectl rollout restart` does: new pods of the same spec; other annotations can change the pods and are not restarts',
    measure: (leaf, ctx) => [{ class: 'restart', detail: `${ctx.doc} ${leaf.path} set to ${String(leaf.to)}` }],
  },
];

function measureReplicas(label: string, from: unknown, to: unknown): Measured {
  const a = readNumber(from);
  const b = readNumber(to);
  return a === undefined || b === undefined ? describeChange('config-change', label, from, to) : measureRatio('scale', label, a, b);
}
