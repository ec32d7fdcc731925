import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { ConfigMap, Namespace, Service, ServiceAccount } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { CustomResourceDefinition } from 'kubernetes-models/apiextensions.k8s.io/v1';
import type { KubeObject } from '../../../../src/world/cluster/kube/kube-object.ts';
import { SHARED_DIR } from '../../../helpers/paths.ts';

/**
 * Validation of the objects firedrill applies, as an API server with strict field validation
 * (kubectl's default) would do it:
 * - Argo kinds against the `openAPIV3Schema` of Argo's CRDs (../shared/conformance/argo/crds), with
 *   unknown fields refused (every object schema without x-kubernetes-preserve-unknown-fields gets
 *   additionalProperties: false, which is what strict validation reports);
 * - core kinds against the Kubernetes OpenAPI schemas that the kubernetes-models package (4.5.1,
 *   pinned, dev only) is generated from, through its own validate();
 * - anything else (Istio's VirtualService: its CRD is not here) is reported as not checked.
 */
export const CRD_DIR = resolve(SHARED_DIR, 'conformance/argo/crds');
export const HAS_CRDS = existsSync(CRD_DIR);

const CRD_FILES: Record<string, string> = {
  Rollout: 'rollout-crd.yaml', AnalysisTemplate: 'analysis-template-crd.yaml',
  ClusterAnalysisTemplate: 'cluster-analysis-template-crd.yaml', AnalysisRun: 'analysis-run-crd.yaml',
};

const validators = new Map<string, ValidateFunction>();
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });

function crdValidator(kind: string): ValidateFunction {
  let v = validators.get(kind);
  if (!v) {
    const crd = parse(readFileSync(resolve(CRD_DIR, CRD_FILES[kind]), 'utf8')) as { spec: { versions: { name: string; schema: { openAPIV3Schema: Record<string, unknown> } }[] } };
    const schema = crd.spec.versions.find((x) => x.name === 'v1alpha1')!.schema.openAPIV3Schema;
    v = ajv.compile(closeObjects(structuredClone(schema)) as Record<string, unknown>);
    validators.set(kind, v);
  }
  return v;
}

function closeObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (node === null || typeof node !== 'object') return node;
  const s = node as Record<string, unknown>;
  for (const [k, v] of Object.entries(s)) if (k !== 'x-kubernetes-preserve-unknown-fields') s[k] = closeObjects(v);
  if (s.properties && s.additionalProperties === undefined && s['x-kubernetes-preserve-unknown-fields'] !== true) s.additionalProperties = false;
  return s;
}

const CORE_MODELS = {
  'v1 Service': Service, 'v1 Namespace': Namespace, 'v1 ConfigMap': ConfigMap, 'v1 ServiceAccount': ServiceAccount, 'apps/v1 Deployment': Deployment,
  'rbac.authorization.k8s.io/v1 ClusterRole': ClusterRole, 'rbac.authorization.k8s.io/v1 ClusterRoleBinding': ClusterRoleBinding,
  'rbac.authorization.k8s.io/v1 Role': Role, 'rbac.authorization.k8s.io/v1 RoleBinding': RoleBinding,
  'apiextensions.k8s.io/v1 CustomResourceDefinition': CustomResourceDefinition,
};

/** Problems of one object (empty: valid); `unchecked` when no schema covers its kind. */
export function validateObject(obj: KubeObject): string[] | 'unchecked' {
  const where = `${obj.kind}/${obj.metadata.name}`;
  if (CRD_FILES[obj.kind] && obj.apiVersion === 'argoproj.io/v1alpha1') {
    const v = crdValidator(obj.kind);
    return v(obj) ? [] : (v.errors ?? []).map((e) => `${where}: ${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
  }
  const Model = (CORE_MODELS as Record<string, (new (o: unknown) => { validate(): void }) | undefined>)[`${obj.apiVersion} ${obj.kind}`];
  if (!Model) return 'unchecked';
  try {
    new Model(obj).validate();
    return [];
  } catch (err) {
    return [`${where}: ${(err as Error).message}`];
  }
}
