import { z } from 'zod';
import { CLUSTER_KINDS, type ClusterKind, type ClusterReads } from './cluster-reads.ts';
import { capItems, redactObject } from './bound-output.ts';
import type { IncidentView } from './incident-view.ts';
import { DEFAULT_LOG_LINES, MAX_LOG_LINES, ToolNotFound, ToolUnavailable, type ToolDef } from './tool-def.ts';

/** kubectl's names for the kinds (plural, short), lower-cased, so `rs`, `pods` or `ar` work as they do there. */
const KIND_ALIASES: Record<string, ClusterKind> = {
  rollout: 'Rollout', rollouts: 'Rollout', ro: 'Rollout',
  analysisrun: 'AnalysisRun', analysisruns: 'AnalysisRun', ar: 'AnalysisRun',
  analysistemplate: 'AnalysisTemplate', analysistemplates: 'AnalysisTemplate', at: 'AnalysisTemplate',
  replicaset: 'ReplicaSet', replicasets: 'ReplicaSet', rs: 'ReplicaSet',
  pod: 'Pod', pods: 'Pod', po: 'Pod',
  service: 'Service', services: 'Service', svc: 'Service',
  event: 'Event', events: 'Event', ev: 'Event',
};

/** What answers instead where there is no API server: the same facts from the world's own model. */
const INSTEAD = ['get_rollout', 'get_events', 'get_logs', 'get_topology'];

const kindArg = z.string().min(1).max(40).describe(`one of ${CLUSTER_KINDS.join(', ')} (kubectl's plural and short names work too)`);
const nameArg = z.string().min(1).max(253).regex(/^[a-z0-9.-]+$/, 'a Kubernetes object name');
const versionArg = z.enum(['stable', 'canary']);

/**
 * The cluster backend's reads, as an SRE's first kubectl commands: get, describe, events,
 * `kubectl argo rollouts get rollout`, logs. Only the run's namespace; objects redacted and the
 * answer capped. On sim and local there is no API server: each answers 501 with `available: false`
 * and the tools that carry the same facts there, so one prompt works on every backend.
 */
export const CLUSTER_TOOLS: readonly ToolDef[] = [
  {
    name: 'kube_get',
    path: '/tools/kube/get',
    description: `\`kubectl get KIND [NAME] -o json\` in the run's namespace (cluster backend): kinds ${CLUSTER_KINDS.join(', ')}. Credentials redacted, managedFields dropped, answer capped at 64 KiB (newest kept).`,
    input: z.object({ kind: kindArg, name: nameArg.optional() }).strict(),
    run: async (view, i) => {
      const reads = requireCluster(view, 'kube_get');
      const kind = resolveKind(String(i.kind));
      const name = i.name as string | undefined;
      const items = (await reads.get(kind, name)).map((o) => redactObject(o));
      if (name && items.length === 0) throw new ToolNotFound(`${kind} ${name} not found in namespace ${reads.namespace}`);
      return { namespace: reads.namespace, kind, ...capItems(items) };
    },
  },
  {
    name: 'kube_describe',
    path: '/tools/kube/describe',
    description: '`kubectl describe KIND NAME` (cluster backend): the object (redacted) and the Events about it, oldest first.',
    input: z.object({ kind: kindArg, name: nameArg }).strict(),
    run: async (view, i) => {
      const reads = requireCluster(view, 'kube_describe');
      const kind = resolveKind(String(i.kind));
      const name = String(i.name);
      const [object] = await reads.get(kind, name);
      if (!object) throw new ToolNotFound(`${kind} ${name} not found in namespace ${reads.namespace}`);
      const events = capItems(await reads.events({ kind, name }), 16 * 1024);
      return { namespace: reads.namespace, object: redactObject(object), events: events.items, ...(events.truncated ? { eventsTruncated: events.truncated } : {}) };
    },
  },
  {
    name: 'kube_events',
    path: '/tools/kube/events',
    description: "`kubectl get events` of the run's namespace (cluster backend), oldest first; optional kind and name of the object they are about.",
    input: z.object({ kind: kindArg.optional(), name: nameArg.optional() }).strict(),
    run: async (view, i) => {
      const reads = requireCluster(view, 'kube_events');
      const kind = i.kind === undefined ? undefined : resolveKind(String(i.kind));
      const { items, total, truncated } = capItems(await reads.events({ kind, name: i.name as string | undefined }));
      return { namespace: reads.namespace, events: items, total, ...(truncated ? { truncated } : {}) };
    },
  },
  {
    name: 'argo_rollouts_get',
    path: '/tools/kube/rollout',
    description: "`kubectl argo rollouts get rollout NAME` (cluster backend): status, step, set and actual weight, images, replicas, and per revision its ReplicaSets (stable/canary), pods and AnalysisRuns with measurement counts. NAME defaults to the run's Rollout.",
    input: z.object({ name: nameArg.optional() }).strict(),
    run: async (view, i) => {
      const reads = requireCluster(view, 'argo_rollouts_get');
      const tree = await reads.rolloutTree(i.name as string | undefined);
      if (!tree) throw new ToolNotFound(`no Rollout ${String(i.name ?? '')} in namespace ${reads.namespace}`.replace('  ', ' '));
      return redactObject(tree);
    },
  },
  {
    name: 'kube_logs',
    path: '/tools/kube/logs',
    description: `\`kubectl logs POD\` (cluster backend). Pods there are kwok's and run nothing: the lines are the testbed process the pod stands for (its service, stable or canary), and \`source\` says so. Or name service and version instead of a pod. grep and limit (default ${DEFAULT_LOG_LINES}, max ${MAX_LOG_LINES}) as in get_logs.`,
    input: z.object({
      pod: nameArg.optional(), service: z.string().min(1).max(100).optional(), version: versionArg.optional(),
      grep: z.string().max(500).optional(), limit: z.coerce.number().int().min(1).max(MAX_LOG_LINES).optional(),
    }).strict(),
    run: async (view, i) => {
      const reads = requireCluster(view, 'kube_logs');
      if (!i.pod && !i.service) throw new RangeError('give a pod, or a service (and version)');
      const of = await reads.logsOf({ pod: i.pod as string | undefined, service: i.service as string | undefined, version: i.version as 'stable' | 'canary' | undefined });
      if (!of) throw new ToolNotFound(`no pod ${String(i.pod)} of the run's Rollout in namespace ${reads.namespace}`);
      const lines = view.logs({ service: of.service, version: of.version, grep: i.grep as string | undefined, limit: (i.limit as number | undefined) ?? DEFAULT_LOG_LINES });
      return { ...of, lines };
    },
  },
];

function requireCluster(view: IncidentView, tool: string): ClusterReads {
  if (view.cluster) return view.cluster;
  throw new ToolUnavailable(view.backend, `${tool}: not available on the ${view.backend} backend (no Kubernetes API server)`, INSTEAD);
}

function resolveKind(raw: string): ClusterKind {
  const kind = KIND_ALIASES[raw.toLowerCase()];
  if (!kind) throw new RangeError(`kind ${raw} is not one the toolbox reads: ${CLUSTER_KINDS.join(', ')}`);
  return kind;
}
