import { parseAllDocuments } from 'yaml';
import { ConfigError, type ConfigIssue } from '../../../util/errors.ts';
import { readArray, readRecord, readString } from '../../../rollout/spec/raw-access.ts';
import type { AnalysisTemplateLike } from '../../../rollout/analysis/types.ts';
import type { KubeObject } from '../kube/kube-object.ts';

/** The pod-template annotation that names the testbed commit a revision runs: a deploy changes only it. */
export const COMMIT_ANNOTATION = 'firedrill.dev/commit';
export const RUN_LABEL = 'firedrill.dev/run';

export interface ManifestText {
  file: string;
  text: string;
}

export interface ClusterObjectsInput {
  namespace: string;
  /** The stack's own manifest files (Rollouts, AnalysisTemplates; as listed in spec.rollout.manifests). */
  stackManifests: ManifestText[];
  /** The testbed's Kubernetes objects (deploy/k8s/services.yaml, virtual-services.yaml). */
  testbedManifests: ManifestText[];
  /** The testbed image every service's pods run (`firedrill/testbed:0.1.0`). */
  image: string;
  /** Where the AnalysisTemplates' Prometheus queries go (in the cluster, or a Prometheus on 127.0.0.1). */
  prometheusAddress: string;
  /** The commit the first revision runs (the stable release). */
  commit: string;
  /** Labels put on every object, e.g. { 'firedrill.dev/run': id }, so a run's objects can be found and deleted. */
  labels: Record<string, string>;
}

export interface ClusterObjects {
  /** In apply order: Namespace, Services, traffic routing, analysis templates, Rollouts. */
  objects: KubeObject[];
  /** Documents left out (kinds firedrill does not apply: Ingress, Secrets, RBAC, ...), as `file: Kind/name`. */
  skipped: string[];
}

const ORDER = ['Namespace', 'Service', 'VirtualService', 'ClusterAnalysisTemplate', 'AnalysisTemplate', 'Rollout'];
const FROM_STACK = new Set(['Rollout', 'AnalysisTemplate', 'ClusterAnalysisTemplate']);
const FROM_TESTBED = new Set(['Service', 'VirtualService']);

/**
 * The objects a cluster run applies, from the stack's own YAML with only the image, labels and
 * Prometheus address filled in (plus the commit annotation and the environment that tells a pod
 * which service and commit it runs). Everything else (steps, analysis, routing, replicas) stays
 * exactly as the stack wrote it, so the real controller decides on the same Rollout the built-in
 * engine ran.
 */
export function renderClusterObjects(input: ClusterObjectsInput): ClusterObjects {
  const issues: ConfigIssue[] = [];
  const out: ClusterObjects = { objects: [], skipped: [] };
  const take = (files: ManifestText[], kinds: Set<string>): void => {
    for (const { file, text } of files) {
      for (const doc of parseAllDocuments(text)) {
        if (doc.errors.length) {
          issues.push(...doc.errors.map((e) => ({ file, path: '', message: e.message })));
          continue;
        }
        const obj = doc.toJS() as KubeObject | null;
        if (!obj) continue;
        if (!kinds.has(obj.kind)) out.skipped.push(`${file}: ${obj.kind}/${readString(obj, ['metadata', 'name']) ?? '?'}`);
        else out.objects.push(fillObject(structuredClone(obj), input));
      }
    }
  };
  take(input.stackManifests, FROM_STACK);
  take(input.testbedManifests, FROM_TESTBED);
  if (issues.length) throw new ConfigError(issues, 'cannot render the cluster objects');
  out.objects.unshift({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: input.namespace, labels: { ...input.labels } } });
  out.objects.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  return out;
}

/**
 * A fix's AnalysisTemplates (as the fix pipeline parsed them from its commit) back as the objects a
 * cluster run applies: the run's namespace and labels, the Prometheus address filled in, like the
 * ones the run started with.
 */
export function renderTemplateObjects(templates: readonly AnalysisTemplateLike[], input: Pick<ClusterObjectsInput, 'namespace' | 'labels' | 'prometheusAddress'>): KubeObject[] {
  return templates.map((t) => fillObject({ apiVersion: 'argoproj.io/v1alpha1', kind: t.kind, metadata: { name: t.name }, spec: structuredClone(t.spec) }, input));
}

/** What every object gets; a Rollout's pod template also needs the image and commit. */
type FillInput = Pick<ClusterObjectsInput, 'namespace' | 'labels' | 'prometheusAddress'> & Partial<Pick<ClusterObjectsInput, 'image' | 'commit'>>;

function fillObject(obj: KubeObject, input: FillInput): KubeObject {
  obj.metadata = { ...obj.metadata, labels: { ...(obj.metadata.labels ?? {}), ...input.labels } };
  if (obj.kind !== 'ClusterAnalysisTemplate') obj.metadata.namespace = input.namespace;
  if (obj.kind === 'Rollout' && input.image !== undefined && input.commit !== undefined) fillPodTemplate(obj, { image: input.image, commit: input.commit });
  if (obj.kind === 'AnalysisTemplate' || obj.kind === 'ClusterAnalysisTemplate') {
    for (const metric of readArray(obj, ['spec', 'metrics'])) {
      const prometheus = readRecord(readRecord(readRecord(metric)?.provider)?.prometheus);
      if (prometheus) prometheus.address = input.prometheusAddress;
    }
  }
  return obj;
}

/** Image, commit annotation, and the pod's service and commit as environment (the commit through the downward API, so a deploy patches one annotation). */
function fillPodTemplate(rollout: KubeObject, input: Pick<ClusterObjectsInput, 'image' | 'commit'>): void {
  const spec = readRecord(rollout.spec) ?? {};
  const template = readRecord(spec.template) ?? {};
  const metadata = readRecord(template.metadata) ?? {};
  template.metadata = { ...metadata, annotations: { ...(readRecord(metadata.annotations) ?? {}), [COMMIT_ANNOTATION]: input.commit } };
  for (const c of readArray(template, ['spec', 'containers'])) {
    const container = readRecord(c);
    if (!container) continue;
    container.image = input.image;
    const env = readArray(container, ['env']).filter((e) => !['FIREDRILL_SERVICE', 'FIREDRILL_COMMIT'].includes(readString(e, ['name']) ?? ''));
    container.env = [
      ...env,
      { name: 'FIREDRILL_SERVICE', value: rollout.metadata.name },
      { name: 'FIREDRILL_COMMIT', valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${COMMIT_ANNOTATION}']` } } },
    ];
  }
}

/** A deploy: the Rollout's pod template names another commit, so Argo sees a new revision and starts its canary. */
export function planDeployPatch(commit: string): { spec: { template: { metadata: { annotations: Record<string, string> } } } } {
  return { spec: { template: { metadata: { annotations: { [COMMIT_ANNOTATION]: commit } } } } };
}
