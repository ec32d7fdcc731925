import { readArray, readRecord, readString } from '../../../rollout/spec/raw-access.ts';
import { POD_CODE_DIR, POD_PORT } from '../../../testbed/pod/pod-options.ts';
import type { KubeObject } from '../kube/kube-object.ts';
import { COMMIT_ANNOTATION } from './cluster-objects.ts';

/** A file of one service at one commit (handler.js, config.json, the modules it imports). */
export interface ServiceFile {
  name: string;
  text: string;
}

export interface KindObjectsInput {
  namespace: string;
  image: string;
  labels: Record<string, string>;
  /** The commit the first revision runs, and each service's files at it. */
  commit: string;
  code: Map<string, ServiceFile[]>;
}

/** Label of a router stand-in's pods (its Service selects them). */
export const ROUTER_LABEL = 'firedrill.dev/router';
const ROUTER_ACCOUNT = 'firedrill-router';
const CODE_VOLUME = 'code';
/** Where a Service named after a testbed service listens: the port its callers and the port-forward use. */
export const ROUTER_SERVICE_PORT = 80;

/**
 * What kind needs beyond the objects the local control plane gets (renderClusterObjects): real
 * pods must run real code, and without Istio someone must route. So:
 * - each Rollout's pods run the testbed image's pod entry, with the service's files at the
 *   revision's commit mounted from a ConfigMap named after service and commit (a deploy patches
 *   the commit annotation and the volume's ConfigMap together: planKindDeployPatch), and their
 *   dependencies reached through the Services named after them;
 * - per Rollout, a router stand-in (Deployment + the Service named after the service, the host
 *   its VirtualService names) that follows the weight Argo writes into the VirtualService, with a
 *   ServiceAccount that may read VirtualServices in the run's namespace and nothing else.
 * Every Rollout of the stack is kept: on kind every service has pods.
 */
export function renderKindObjects(objects: KubeObject[], input: KindObjectsInput): KubeObject[] {
  const rollouts = objects.filter((o) => o.kind === 'Rollout');
  const services = rollouts.map((r) => r.metadata.name);
  const routers = services.map((s) => `${s}=${s}:${ROUTER_SERVICE_PORT}`).join(',');
  const extra: KubeObject[] = [...renderRouterAccess(input)];
  for (const service of services) {
    const files = input.code.get(service);
    if (!files) throw new Error(`no code given for service ${service}`);
    extra.push(renderCodeConfigMap(input, service, input.commit, files));
  }
  const after: KubeObject[] = [];
  for (const rollout of rollouts) {
    const out = structuredClone(rollout);
    fillKindPodTemplate(out, input.commit, routers);
    objects = objects.map((o) => (o === rollout ? out : o));
    after.push(...renderRouterStandIn(out, input));
  }
  const [namespace, ...rest] = objects;
  return [namespace, ...extra, ...rest, ...after];
}

/** `code-checkout-1a2b3c4d5e6f`: one ConfigMap per service and commit. */
export function codeConfigMapName(service: string, commit: string): string {
  return `code-${service}-${commit.slice(0, 12)}`;
}

/** A service's files at one commit, as the ConfigMap its pods of that revision mount. */
export function renderCodeConfigMap(input: Pick<KindObjectsInput, 'namespace' | 'labels'>, service: string, commit: string, files: ServiceFile[]): KubeObject {
  return {
    apiVersion: 'v1', kind: 'ConfigMap',
    metadata: { name: codeConfigMapName(service, commit), namespace: input.namespace, labels: { ...input.labels, app: service }, annotations: { [COMMIT_ANNOTATION]: commit } },
    data: Object.fromEntries(files.map((f) => [f.name, f.text])),
  };
}

/** A deploy on kind: the commit annotation and the code volume's ConfigMap change together (one new pod-template revision). */
export function planKindDeployPatch(service: string, commit: string): Record<string, unknown> {
  return { spec: { template: { metadata: { annotations: { [COMMIT_ANNOTATION]: commit } }, spec: { volumes: [codeVolume(service, commit)] } } } };
}

function codeVolume(service: string, commit: string): Record<string, unknown> {
  return { name: CODE_VOLUME, configMap: { name: codeConfigMapName(service, commit) } };
}

function fillKindPodTemplate(rollout: KubeObject, commit: string, routers: string): void {
  const service = rollout.metadata.name;
  const template = readRecord(readRecord(rollout.spec)?.template) ?? {};
  const spec = readRecord(template.spec) ?? {};
  spec.volumes = [codeVolume(service, commit)];
  for (const c of readArray(spec, ['containers'])) {
    const container = readRecord(c);
    if (!container) continue;
    container.command = ['node', 'dist/testbed/pod/pod-main.js'];
    container.env = [...readArray(container, ['env']), { name: 'FIREDRILL_ROUTERS', value: routers }];
    container.volumeMounts = [{ name: CODE_VOLUME, mountPath: `${POD_CODE_DIR}/services/${service}`, readOnly: true }];
    // Ready once it serves: a revision whose code does not load never gets traffic (it crash-loops).
    container.readinessProbe = { tcpSocket: { port: 'http' }, periodSeconds: 1 };
  }
}

function renderRouterAccess(input: KindObjectsInput): KubeObject[] {
  const metadata = { name: ROUTER_ACCOUNT, namespace: input.namespace, labels: { ...input.labels } };
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata, rules: [{ apiGroups: ['networking.istio.io'], resources: ['virtualservices'], verbs: ['get'] }] },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: ROUTER_ACCOUNT },
      subjects: [{ kind: 'ServiceAccount', name: ROUTER_ACCOUNT, namespace: input.namespace }],
    },
  ];
}

/** The router stand-in of one Rollout: a one-pod Deployment and the Service named after the service. */
function renderRouterStandIn(rollout: KubeObject, input: KindObjectsInput): KubeObject[] {
  const service = rollout.metadata.name;
  const canary = readCanaryStrategy(rollout);
  const istio = readRecord(readRecord(canary?.trafficRouting)?.istio);
  const vs = readRecord(istio?.virtualService);
  const select = { [ROUTER_LABEL]: service };
  const metadata = { name: `${service}-router`, namespace: input.namespace, labels: { ...input.labels, ...select } };
  const env = {
    FIREDRILL_SERVICE: service, FIREDRILL_VIRTUAL_SERVICE: readString(vs, ['name']) ?? service, FIREDRILL_ROUTE: readArray(vs, ['routes']).map(String)[0] ?? 'primary',
    FIREDRILL_STABLE_SERVICE: readString(canary, ['stableService']) ?? `${service}-stable`, FIREDRILL_CANARY_SERVICE: readString(canary, ['canaryService']) ?? `${service}-canary`,
    FIREDRILL_SERVICE_PORT: '80', FIREDRILL_PORT: String(POD_PORT),
  };
  return [
    {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata,
      spec: {
        replicas: 1, selector: { matchLabels: select },
        template: {
          metadata: { labels: { ...select } },
          spec: {
            serviceAccountName: ROUTER_ACCOUNT,
            containers: [{
              name: 'router', image: input.image, command: ['node', 'dist/world/cluster/router/router-main.js'],
              ports: [{ name: 'route', containerPort: POD_PORT }],
              env: [...Object.entries(env).map(([name, value]) => ({ name, value })), { name: 'FIREDRILL_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }],
              readinessProbe: { tcpSocket: { port: 'route' }, periodSeconds: 1 },
            }],
          },
        },
      },
    },
    {
      apiVersion: 'v1', kind: 'Service', metadata: { name: service, namespace: input.namespace, labels: { ...input.labels } },
      spec: { selector: select, ports: [{ name: 'http', port: ROUTER_SERVICE_PORT, targetPort: 'route' }] },
    },
  ];
}

function readCanaryStrategy(rollout: KubeObject): Record<string, unknown> | undefined {
  return readRecord(readRecord(readRecord(rollout.spec)?.strategy)?.canary);
}
