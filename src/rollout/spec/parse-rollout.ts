import { checkWithSchema } from '../../config/zod-issues.ts';
import { dedupeIssues, type PathIssue } from '../../config/path-issue.ts';
import { checkRolloutRules } from './rollout-rules.ts';
import { rolloutDocumentSchema, type RolloutDocument } from './rollout-schema.ts';
import type { CanaryStep, RolloutAnalysis, RolloutObject, TrafficRouting } from './rollout-types.ts';

/**
 * One Rollout document (already YAML-parsed) -> a RolloutObject, or every problem with its path.
 * Structure (zod) and Argo's semantic rules both run, so all issues come back at once.
 */
export function parseRolloutDocument(doc: unknown): { rollout?: RolloutObject; issues: PathIssue[] } {
  const parsed = checkWithSchema(rolloutDocumentSchema, doc);
  const issues = dedupeIssues([...parsed.issues, ...checkRolloutRules(doc)]);
  if (!parsed.value || issues.length > 0) return { issues };
  return { rollout: buildRolloutObject(parsed.value, doc as Record<string, unknown>), issues: [] };
}

function buildRolloutObject(d: RolloutDocument, raw: Record<string, unknown>): RolloutObject {
  const canary = d.spec.strategy!.canary!;
  const s = d.spec;
  return {
    kind: 'Rollout',
    name: d.metadata.name,
    ...(d.metadata.namespace !== undefined ? { namespace: d.metadata.namespace } : {}),
    labels: d.metadata.labels ?? {},
    annotations: d.metadata.annotations ?? {},
    raw,
    spec: {
      replicas: s.replicas,
      paused: s.paused,
      progressDeadlineSeconds: s.progressDeadlineSeconds,
      progressDeadlineAbort: s.progressDeadlineAbort,
      minReadySeconds: s.minReadySeconds,
      templateLabels: s.template?.metadata?.labels ?? {},
      selectorLabels: s.selector?.matchLabels ?? {},
      workloadRef: s.workloadRef,
      strategy: {
        canary: {
          steps: (canary.steps ?? []).map(buildStep),
          analysis: canary.analysis && { ...buildAnalysis(canary.analysis), startingStep: canary.analysis.startingStep },
          canaryService: canary.canaryService,
          stableService: canary.stableService,
          trafficRouting: canary.trafficRouting && buildTrafficRouting(canary.trafficRouting),
          maxSurge: canary.maxSurge,
          maxUnavailable: canary.maxUnavailable,
          scaleDownDelaySeconds: canary.scaleDownDelaySeconds,
          abortScaleDownDelaySeconds: canary.abortScaleDownDelaySeconds,
          minPodsPerReplicaSet: canary.minPodsPerReplicaSet,
          pingPong: canary.pingPong,
        },
      },
    },
  };
}

type CanaryDoc = NonNullable<NonNullable<RolloutDocument['spec']['strategy']>['canary']>;
type StepDoc = NonNullable<CanaryDoc['steps']>[number];

function buildStep(step: StepDoc): CanaryStep {
  if (step.setWeight !== undefined) return { type: 'setWeight', setWeight: step.setWeight };
  if (step.pause !== undefined) return { type: 'pause', pause: step.pause?.duration !== undefined ? { duration: step.pause.duration } : {} };
  if (step.analysis !== undefined) return { type: 'analysis', analysis: buildAnalysis(step.analysis) };
  return { type: 'setCanaryScale', setCanaryScale: { ...step.setCanaryScale } };
}

function buildAnalysis(a: NonNullable<StepDoc['analysis']>): RolloutAnalysis {
  return {
    templates: a.templates ?? [],
    args: a.args ?? [],
    dryRun: a.dryRun ?? [],
    measurementRetention: a.measurementRetention ?? [],
  };
}

function buildTrafficRouting(tr: NonNullable<CanaryDoc['trafficRouting']>): TrafficRouting {
  const providers = ['istio', 'nginx', 'alb', 'smi', 'ambassador', 'appMesh', 'traefik', 'apisix', 'plugins'].filter(
    (k) => tr[k as keyof typeof tr] !== undefined,
  );
  return { providers, ...(tr.maxTrafficWeight !== undefined ? { maxTrafficWeight: tr.maxTrafficWeight } : {}) };
}
