import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InfraError } from '../../util/errors.ts';
import { createLocalWorld } from '../local/create-local-world.ts';
import { resolveLocalOptions } from '../local/local-options.ts';
import type { LocalWorld } from '../local/local-world.ts';
import type { WorldRequest } from '../world-request.ts';
import { resolveClusterTarget } from './cluster-options.ts';
import { ClusterWorld } from './cluster-world.ts';
import { compressDurations } from './compress-durations.ts';
import { connectKube } from './kube/connect-kube.ts';
import { KubeApiError, type KubeApi } from './kube/kube-api.ts';
import { RESOURCES, type KubeObject } from './kube/kube-object.ts';
import { renderClusterObjects, renderTemplateObjects, RUN_LABEL } from './manifests/cluster-objects.ts';
import { applyObjects, deleteNamespace, ensureVirtualServiceCrd, selectDrillObjects, waitForHealthyRollout } from './run-objects.ts';

/** kwok marks pods ready at once; the rest is the controller's reconcile and the API server. */
const READY_TIMEOUT_MS = 60_000;
/** Pods never pull it (kwok's): it only names what a real node would run. */
const TESTBED_IMAGE = 'firedrill/testbed:local';

/**
 * Starts a cluster-backend run: the cluster is checked first (unreachable, or without Argo's CRDs:
 * exit 3 at once, before any process starts); then, side by side, the local backend's testbed
 * with its real Prometheus, and the run's namespace with the deployed service's Rollout (the
 * stack's own YAML) until Argo reports it Healthy. The AnalysisTemplates go in last, with the
 * Prometheus address filled in. A failure or a stop on the way removes everything started.
 */
export async function createClusterWorld(req: WorldRequest): Promise<ClusterWorld> {
  const began = performance.now();
  const target = resolveClusterTarget(req.cluster ?? {});
  const options = resolveLocalOptions(req.local ?? {}, { scrapeIntervalMs: req.stack.scrapeIntervalMs, alertRulesFile: req.stack.pager.alertRulesFile });
  if (!options.prometheus) {
    throw new InfraError('the cluster backend needs a real Prometheus: the Argo controller queries its HTTP API', {
      hint: 'put prometheus on PATH, or pass --prometheus PATH or --prometheus container (--prometheus off is for --backend local only)',
    });
  }
  const api = await connectKube({ kubeconfig: target.kubeconfig, ...(target.context ? { context: target.context } : {}) });
  await checkCluster(api, target.label);

  const namespace = `firedrill-${req.scenario.name}-${req.seed}-${randomBytes(3).toString('hex')}`.slice(0, 63).replace(/-+$/, '');
  const input = {
    namespace,
    stackManifests: await Promise.all(req.stack.rolloutManifests.map(async (file) => ({ file, text: await readFile(file, 'utf8') }))),
    testbedManifests: await readTestbedManifests(req.workspace.stableDir),
    image: TESTBED_IMAGE,
    commit: req.workspace.v1,
    labels: { [RUN_LABEL]: namespace },
  };
  // Argo refuses a Rollout whose templates do not exist yet (InvalidSpec), so they go in first with
  // a placeholder address, and again once this run's Prometheus has its port: nothing reads them
  // before the deploy's AnalysisRun.
  const render = (prometheusAddress: string): KubeObject[] =>
    compressDurations(selectDrillObjects(renderClusterObjects({ ...input, prometheusAddress }).objects, req.scenario.deploy.service), options.timeScale);
  const isTemplate = (o: KubeObject): boolean => o.kind.endsWith('AnalysisTemplate');
  const objects = render('http://prometheus.invalid');
  let applied = false;
  const cluster = (async () => {
    await ensureVirtualServiceCrd(api, READY_TIMEOUT_MS);
    applied = true;
    await applyObjects(api, objects);
    await waitForHealthyRollout(api, namespace, req.scenario.deploy.service, READY_TIMEOUT_MS, req.signal);
  })();
  const [local, ready] = await Promise.allSettled([createLocalWorld({ ...req, local: { ...req.local, prometheus: options.prometheus.kind === 'binary' ? options.prometheus.binary : 'container' } }), cluster]);
  try {
    if (local.status === 'rejected') throw local.reason;
    if (ready.status === 'rejected') throw ready.reason;
    await applyObjects(api, render(local.value.prometheusUrl!).filter(isTemplate));
  } catch (err) {
    await Promise.allSettled([
      local.status === 'fulfilled' ? local.value.stop() : undefined,
      applied && !req.cluster?.keep ? deleteNamespace(api, namespace, 30_000) : undefined,
    ]);
    throw err;
  }
  const prometheusAddress = local.value.prometheusUrl!;
  const world = new ClusterWorld({
    local: local.value as LocalWorld, api, namespace, keep: req.cluster?.keep ?? false,
    kube: { kubeconfig: target.kubeconfig, ...(target.context ? { context: target.context } : {}) },
    // A fix that changed the templates: applied like the run's own, compressed at the same scale.
    renderTemplates: (templates) => compressDurations(renderTemplateObjects(templates, { namespace, labels: input.labels, prometheusAddress }), options.timeScale),
  });
  req.timeline.emit(Math.max(0, world.clock.now()), 'world', 'world.cluster.started', {
    cluster: target.label, namespace, rollout: req.scenario.deploy.service, prometheus: local.value.prometheusUrl!,
    objects: objects.map((o) => `${o.kind}/${o.metadata.name}`), startupMs: Math.round(performance.now() - began),
  });
  return world;
}

/** Reachable, and Argo Rollouts installed (its Rollout CRD served): both fail fast with what to do. */
async function checkCluster(api: KubeApi, label: string): Promise<void> {
  try {
    await api.list(RESOURCES.Rollout, 'default');
  } catch (err) {
    if (err instanceof KubeApiError && err.status === 404) {
      throw new InfraError(`${label} does not serve Argo Rollouts (no rollouts.argoproj.io CRD)`, { hint: 'use the local control plane (`firedrill cluster up`), which runs the Argo controller with its CRDs', cause: err });
    }
    throw new InfraError(`cannot reach the cluster (${label}): ${(err as Error).message}`, {
      hint: 'start the local control plane with `firedrill cluster up` (status: `firedrill cluster status`), or pass --kubeconfig FILE for a cluster you have', cause: err,
    });
  }
}

async function readTestbedManifests(stableDir: string): Promise<{ file: string; text: string }[]> {
  const dir = join(stableDir, 'deploy', 'k8s');
  return Promise.all(['services.yaml', 'virtual-services.yaml'].map(async (f) => ({ file: join(dir, f), text: await readFile(join(dir, f), 'utf8') })));
}
