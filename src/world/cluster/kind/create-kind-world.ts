import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrometheusHttpSource } from '../../../metrics/prometheus-client.ts';
import { ServiceLogStore } from '../../../testbed/service-logs.ts';
import { createBuiltinLoad } from '../../local/builtin-load.ts';
import { trackDir } from '../../local/cleanup-registry.ts';
import { resolveLocalOptions } from '../../local/local-options.ts';
import { LocalResources } from '../../local/local-resources.ts';
import { ScaledClock } from '../../local/scaled-clock.ts';
import { ScaledMetricSource } from '../../local/scaled-metric-source.ts';
import { WeightedTruth } from '../../local/weighted-truth.ts';
import { createCartPool } from '../../payloads.ts';
import type { WorldRequest } from '../../world-request.ts';
import { compressDurations } from '../compress-durations.ts';
import { connectKube } from '../kube/connect-kube.ts';
import type { KubeApi } from '../kube/kube-api.ts';
import { renderClusterObjects, RUN_LABEL } from '../manifests/cluster-objects.ts';
import { renderCodeConfigMap, renderKindObjects, ROUTER_SERVICE_PORT } from '../manifests/kind-objects.ts';
import { applyObjects, deleteNamespace, ensureVirtualServiceCrd, waitForHealthyRollout } from '../run-objects.ts';
import type { FindExecutable } from './check-kind-tools.ts';
import { createExecaRunner, type CommandRunner } from './command-runner.ts';
import { connectKindCluster } from './connect-kind-cluster.ts';
import { resolveTestbedImage } from './kind-options.ts';
import { KindWorld } from './kind-world.ts';
import { planPortForward, spawnBackgroundProcess, startPortForward, type ProcessStarter } from './port-forward.ts';
import { ServedHeaderTrace } from './served-header-trace.ts';
import { readServiceFiles } from './service-files.ts';
import { IN_CLUSTER_PROMETHEUS } from './up-kind-cluster.ts';

/** Real pods pull nothing (the image is loaded into kind) but start Node: slower than kwok's. */
const READY_TIMEOUT_MS = 300_000;
const PORT_FORWARD_TIMEOUT_MS = 30_000;

/** What a kind run reaches the outside with: injectable, so its command plan is tested by recording calls. */
export interface KindWorldDeps {
  run?: CommandRunner;
  start?: ProcessStarter;
  connect?: typeof connectKube;
  /** PATH lookup of docker, kind and kubectl. */
  find?: FindExecutable;
}

/**
 * Starts a kind run on a cluster `firedrill cluster up --kind` made: its kubeconfig exported into a
 * temp dir, the run's namespace with every Rollout of the stack (the pod entry, each revision's
 * code as a ConfigMap), the router stand-ins, Services and VirtualServices and the
 * AnalysisTemplates pointing at the in-cluster Prometheus; every Rollout Healthy; then two
 * port-forwards on 127.0.0.1 (the entry service's router for the load, Prometheus for PromQL)
 * and the load. A failure on the way removes everything started (the namespace unless --keep).
 */
export async function createKindWorld(req: WorldRequest, deps: KindWorldDeps = {}): Promise<KindWorld> {
  const began = performance.now();
  const { scenario, workspace, timeline } = req;
  const run = deps.run ?? (await createExecaRunner());
  const start = deps.start ?? spawnBackgroundProcess;
  const options = resolveLocalOptions(req.local ?? {}, { scrapeIntervalMs: req.stack.scrapeIntervalMs, alertRulesFile: req.stack.pager.alertRulesFile });
  const resources = new LocalResources();
  const name = req.cluster?.cluster ?? 'firedrill';
  const keep = req.cluster?.keep ?? false;
  const namespace = `firedrill-${scenario.name}-${req.seed}-${randomBytes(3).toString('hex')}`.slice(0, 63).replace(/-+$/, '');
  let api: KubeApi | undefined;
  let applied = false;
  try {
    const dir = await mkdtemp(join(tmpdir(), 'firedrill-kind-'));
    trackDir(dir);
    resources.addTempDir(dir);
    const target = await connectKindCluster(run, name, dir, deps.find);
    const kube = (api = await (deps.connect ?? connectKube)({ kubeconfig: target.kubeconfig, context: target.context }));
    const labels = { [RUN_LABEL]: namespace };
    const image = resolveTestbedImage();
    const rendered = renderClusterObjects({
      namespace, image, labels, commit: workspace.v1, prometheusAddress: IN_CLUSTER_PROMETHEUS,
      stackManifests: await Promise.all(req.stack.rolloutManifests.map(async (file) => ({ file, text: await readFile(file, 'utf8') }))),
      testbedManifests: await Promise.all(['services.yaml', 'virtual-services.yaml'].map(async (f) => {
        const file = join(workspace.stableDir, 'deploy', 'k8s', f);
        return { file, text: await readFile(file, 'utf8') };
      })),
    });
    const code = new Map(await Promise.all(scenario.services.map(async (s) => [s, await readServiceFiles(workspace.stableDir, s)] as const)));
    const objects = compressDurations(renderKindObjects(rendered.objects, { namespace, image, labels, commit: workspace.v1, code }), options.timeScale);
    await ensureVirtualServiceCrd(kube, READY_TIMEOUT_MS);
    applied = true;
    await applyObjects(kube, objects);
    const rollouts = objects.filter((o) => o.kind === 'Rollout').map((o) => o.metadata.name);
    await Promise.all(rollouts.map((r) => waitForHealthyRollout(kube, namespace, r, READY_TIMEOUT_MS, req.signal)));

    const entry = await startPortForward(start, planPortForward(target, namespace, scenario.entryService, ROUTER_SERVICE_PORT), PORT_FORWARD_TIMEOUT_MS);
    resources.add(`port-forward ${scenario.entryService}`, () => entry.stop());
    const prometheus = await startPortForward(start, planPortForward(target, 'monitoring', 'prometheus', 9090), PORT_FORWARD_TIMEOUT_MS);
    resources.add('port-forward prometheus', () => prometheus.stop());

    const clock = new ScaledClock(options.timeScale);
    const slots: { stable: string; canary?: string } = { stable: workspace.v1 };
    const truth = new WeightedTruth(scenario.slo.latencyThresholdMs, options.timeScale, (slot) => (slot === 'canary' ? slots.canary ?? slots.stable : slots.stable).slice(0, 12));
    const load = createBuiltinLoad({
      port: entry.port, spec: scenario.load, bodies: createCartPool(req.seed).map((c) => JSON.stringify(c)), rng: req.rng.fork('load'), now: () => clock.now(),
      trace: new ServedHeaderTrace(scenario.deploy.service, () => slots.stable), onOutcome: truth.record.bind(truth),
    });
    resources.add('load', () => load.stop());
    const world = new KindWorld({
      clock, timeline, workspace, deployService: scenario.deploy.service, logs: new ServiceLogStore(), load, truth, api: kube, namespace, keep, slots, resources,
      kube: { kubeconfig: target.kubeconfig, context: target.context },
      metrics: new ScaledMetricSource(new PrometheusHttpSource({ baseUrl: `http://127.0.0.1:${prometheus.port}`, timeoutMs: 10_000 }), clock),
      info: { timeScale: options.timeScale, metrics: 'prometheus (in the kind cluster)', load: load.kind },
      publishCode: async (revision) => {
        const files = await readServiceFiles(await workspace.worktreeOf(revision), scenario.deploy.service);
        await kube.apply(renderCodeConfigMap({ namespace, labels }, scenario.deploy.service, revision, files));
      },
    });
    clock.restart();
    timeline.emit(0, 'world', 'world.cluster.started', {
      cluster: `kind "${name}"`, namespace, rollout: scenario.deploy.service, prometheus: IN_CLUSTER_PROMETHEUS,
      objects: objects.map((o) => `${o.kind}/${o.metadata.name}`), startupMs: Math.round(performance.now() - began),
    });
    await load.start(clock.toRealMs(scenario.baselineMs + scenario.maxDurationMs));
    return world;
  } catch (err) {
    await resources.stopAll();
    if (api && applied && !keep) await deleteNamespace(api, namespace, 60_000).catch(() => {});
    throw err;
  }
}
