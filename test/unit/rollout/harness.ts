import { VirtualClock } from '../../../src/clock/virtual-clock.ts';
import type { AnalysisTemplateLike } from '../../../src/rollout/analysis/types.ts';
import type { AnalysisRunRequest } from '../../../src/rollout/canary/analysis-runner.ts';
import type { FieldRefResolver } from '../../../src/rollout/canary/controller-state.ts';
import { startRolloutController, type RolloutControllerHandle } from '../../../src/rollout/canary/start-rollout-controller.ts';
import { loadArgoManifests } from '../../../src/rollout/manifests/load-argo-manifests.ts';
import type { MetricSource } from '../../../src/metrics/metric-source.ts';
import { createRecordingTarget, createScriptedRunner, type ScriptedPhase } from './fakes.ts';

export interface RecordedEvent {
  t: number;
  type: string;
  data: Record<string, unknown>;
}

const NO_METRICS: MetricSource = {
  kind: 'none',
  instant: () => Promise.reject(new Error('no metrics in this test')),
  range: () => Promise.reject(new Error('no metrics in this test')),
};

/** Parses a Rollout (+ templates) YAML and starts its controller on a VirtualClock with fakes. */
export function startHarness(
  yaml: string,
  opts: {
    script?: (req: AnalysisRunRequest) => ScriptedPhase[];
    podsReadyAfterMs?: number;
    neverReady?: string[];
    templates?: AnalysisTemplateLike[];
    resolveFieldRef?: FieldRefResolver;
  } = {},
) {
  const loaded = loadArgoManifests(yaml, 'test.yaml');
  if (loaded.issues.length > 0) throw new Error(JSON.stringify(loaded.issues, null, 2));
  const clock = new VirtualClock(0);
  const events: RecordedEvent[] = [];
  const runner = createScriptedRunner(clock, opts.script ?? (() => []));
  const target = createRecordingTarget(clock, { podsReadyAfterMs: opts.podsReadyAfterMs, neverReady: opts.neverReady });
  const handle: RolloutControllerHandle = startRolloutController({
    rollout: loaded.rollouts[0],
    templates: opts.templates ?? loaded.analysisTemplates,
    clusterTemplates: loaded.clusterAnalysisTemplates,
    clock,
    metrics: NO_METRICS,
    target,
    emit: (type, data) => void events.push({ t: clock.now(), type, data }),
    analysisRunner: runner,
    initialPodHash: 'v1',
    resolveFieldRef: opts.resolveFieldRef,
  });
  const types = (prefix = ''): string[] => events.filter((e) => e.type.startsWith(prefix)).map((e) => `${e.t / 1000}s ${e.type}`);
  return { clock, events, runner, target, handle, types, run: (ms: number) => clock.runUntil(clock.now() + ms) };
}

export const TEMPLATE = `
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata: {name: error-rate}
spec:
  args: [{name: service-name}]
  metrics:
  - name: error-rate
    interval: 30s
    successCondition: result[0] < 0.05
    provider:
      prometheus:
        query: sum(rate(http_requests_total{service="{{args.service-name}}",code=~"5.."}[1m]))
---
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata: {name: smoke}
spec:
  metrics:
  - name: smoke
    count: 1
    successCondition: result[0] < 0.05
    provider:
      prometheus:
        query: vector(0)
`;

/** A traffic-routed canary: 20% -> pause 2m -> 50% -> pause {} -> 100%, background analysis from step 1. */
export function makeRollout(extraCanary = '', extraSpec = '', steps?: string): string {
  return `
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: checkout}
spec:
  replicas: 4
${extraSpec}
  selector: {matchLabels: {app: checkout}}
  template:
    metadata: {labels: {app: checkout}}
    spec: {containers: [{name: checkout, image: checkout:1}]}
  strategy:
    canary:
      canaryService: checkout-canary
      stableService: checkout-stable
      trafficRouting: {smi: {}}
${extraCanary}
      steps:
${steps ?? `      - setWeight: 20
      - pause: {duration: 2m}
      - setWeight: 50
      - pause: {}
      - setWeight: 100`}
---
${TEMPLATE}`;
}
