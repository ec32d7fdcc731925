import { UserInputError } from '../../../util/errors.ts';

/**
 * The Kubernetes objects firedrill reads and writes, as plain JSON (what the API server sends), and
 * the resources it addresses. Kept as data, not classes: the recorded objects in the conformance
 * data, the fake API server of the unit tests and a real cluster all speak the same JSON.
 */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: KubeMetadata;
  [field: string]: unknown;
}

export interface KubeMetadata {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  resourceVersion?: string;
  generation?: number;
  ownerReferences?: { apiVersion: string; kind: string; name: string; uid?: string; controller?: boolean }[];
  [field: string]: unknown;
}

/** A resource type: where its objects live in the API. `group` is '' for the core API (`/api/v1`). */
export interface KubeResource {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

function resource(group: string, version: string, kind: string, plural: string, namespaced = true): KubeResource {
  return { group, version, kind, plural, namespaced };
}

/** The resources a cluster drill touches, by kind. */
export const RESOURCES = {
  Rollout: resource('argoproj.io', 'v1alpha1', 'Rollout', 'rollouts'),
  AnalysisRun: resource('argoproj.io', 'v1alpha1', 'AnalysisRun', 'analysisruns'),
  AnalysisTemplate: resource('argoproj.io', 'v1alpha1', 'AnalysisTemplate', 'analysistemplates'),
  ClusterAnalysisTemplate: resource('argoproj.io', 'v1alpha1', 'ClusterAnalysisTemplate', 'clusteranalysistemplates', false),
  ReplicaSet: resource('apps', 'v1', 'ReplicaSet', 'replicasets'),
  Deployment: resource('apps', 'v1', 'Deployment', 'deployments'),
  Service: resource('', 'v1', 'Service', 'services'),
  Namespace: resource('', 'v1', 'Namespace', 'namespaces', false),
  ConfigMap: resource('', 'v1', 'ConfigMap', 'configmaps'),
  Pod: resource('', 'v1', 'Pod', 'pods'),
  Event: resource('', 'v1', 'Event', 'events'),
  // The kind path's router stand-ins read their VirtualService with an account of their own.
  ServiceAccount: resource('', 'v1', 'ServiceAccount', 'serviceaccounts'),
  Role: resource('rbac.authorization.k8s.io', 'v1', 'Role', 'roles'),
  RoleBinding: resource('rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings'),
  VirtualService: resource('networking.istio.io', 'v1beta1', 'VirtualService', 'virtualservices'),
  CustomResourceDefinition: resource('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition', 'customresourcedefinitions', false),
} as const satisfies Record<string, KubeResource>;

export type KnownKind = keyof typeof RESOURCES;

/** One object, by resource, namespace and name. */
export interface KubeRef {
  resource: KubeResource;
  namespace?: string;
  name: string;
}

export function formatApiVersion(r: KubeResource): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** The collection path (`/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts`), as kubectl requests it. */
export function formatCollectionPath(r: KubeResource, namespace?: string): string {
  const root = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  return r.namespaced && namespace ? `${root}/namespaces/${encodeURIComponent(namespace)}/${r.plural}` : `${root}/${r.plural}`;
}

export function formatObjectPath(ref: KubeRef, subresource?: string): string {
  const path = `${formatCollectionPath(ref.resource, ref.namespace)}/${encodeURIComponent(ref.name)}`;
  return subresource ? `${path}/${subresource}` : path;
}

/** `Rollout shop/checkout`, for messages. */
export function describeRef(ref: KubeRef): string {
  return `${ref.resource.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

/** The resource of an object firedrill applies: only the kinds in RESOURCES (kubectl applies the rest of an install). */
export function findResource(obj: Pick<KubeObject, 'apiVersion' | 'kind'>): KubeResource {
  const found = Object.values(RESOURCES).find((r) => r.kind === obj.kind && formatApiVersion(r) === obj.apiVersion);
  if (!found) {
    throw new UserInputError(`firedrill does not apply ${obj.apiVersion} ${obj.kind} objects itself`, {
      hint: `kinds it applies: ${Object.values(RESOURCES).map((r) => r.kind).join(', ')}; apply others with kubectl`,
    });
  }
  return found;
}
