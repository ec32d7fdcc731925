import { INCIDENT_BUNDLE_SCHEMA, type Detection, type IncidentBundle, type Topology } from '../../agents/protocol/incident-bundle.ts';
import type { Alert } from '../../metrics/rules/rule-evaluator.ts';
import type { TimelineEvent } from '../../timeline/events.ts';
import { parseUnifiedDiff, pathOf } from '../../util/unified-diff.ts';
import type { ServiceLogStore } from '../../testbed/service-logs.ts';
import type { RecordedAnalysisRuns } from './recorded-analysis-runs.ts';

/** The first detection signal, as the runner saw it. */
export interface DetectionSignal {
  event: TimelineEvent;
  /** The firing alert instance when a rule paged. */
  alert?: Alert;
}

/** The rollout as `kubectl argo rollouts get` shows it at detection time. */
export interface RolloutSnapshot {
  name: string;
  service: string;
  phase: string;
  message?: string;
  aborted: boolean;
  stableCommit: string;
  canaryCommit?: string;
  canaryWeight: number;
  step?: { index: number; count: number };
}

export interface BundleSources {
  task: IncidentBundle['task'];
  constraints?: IncidentBundle['constraints'];
  detection: DetectionSignal;
  analysisRuns?: RecordedAnalysisRuns;
  rollout?: RolloutSnapshot;
  change: Omit<IncidentBundle['change'], 'files'>;
  topology: Topology;
  logs: ServiceLogStore;
  slo: IncidentBundle['slo'];
  toolbox: IncidentBundle['toolbox'];
  budget: IncidentBundle['budget'];
}

/** Log groups in the bundle: enough to see what is new, not the whole log (the tool has the rest). */
const MAX_LOG_GROUPS = 40;

/**
 * The incident bundle an agent gets: the detection and its measurements, the rollout, the
 * change with its diff, the topology, what the services logged since the deploy (grouped),
 * and how to reach the toolbox. Built only from what an operator could see; never ground truth.
 */
export function assembleBundle(src: BundleSources): IncidentBundle {
  const files = parseUnifiedDiff(src.change.diff).files.map((f) => ({
    path: pathOf(f),
    status: f.status,
    additions: f.hunks.reduce((n, h) => n + h.lines.filter((l) => l.kind === '+').length, 0),
    deletions: f.hunks.reduce((n, h) => n + h.lines.filter((l) => l.kind === '-').length, 0),
  }));
  const logs = src.logs.groups(src.change.deployedAt).slice(0, MAX_LOG_GROUPS).map((g) => ({
    service: g.service,
    version: g.version === 'canary' ? ('canary' as const) : ('stable' as const),
    level: g.level,
    message: g.message,
    count: g.count,
    firstAt: g.firstAt,
    lastAt: g.lastAt,
    example: g.example,
  }));
  return {
    schema: INCIDENT_BUNDLE_SCHEMA,
    task: src.task,
    ...(src.constraints ? { constraints: src.constraints } : {}),
    detection: describeDetection(src.detection, src.analysisRuns),
    ...(src.rollout ? { rollout: src.rollout } : {}),
    change: { ...src.change, files },
    topology: src.topology,
    slo: src.slo,
    logs,
    toolbox: src.toolbox,
    budget: src.budget,
  };
}

/** What kind of signal started the incident. */
export function detectionKind({ event }: DetectionSignal): Detection['kind'] {
  return event.type === 'rollout.aborted' ? 'rollout-aborted' : event.type === 'rollout.paused' ? 'rollout-paused' : 'page';
}

function describeDetection(signal: DetectionSignal, runs: RecordedAnalysisRuns | undefined): Detection {
  const { event, alert } = signal;
  const kind = detectionKind(signal);
  const summary = String(event.message ?? event.alert ?? event.type);
  const detection: Detection = { at: event.t, kind, summary };
  if (alert) {
    detection.alert = { name: alert.labels.alertname ?? String(event.alert), labels: { ...alert.labels }, annotations: { ...alert.annotations } };
  }
  const run = runs && [...runs.runs].reverse().find((r) => r.handle.status.phase !== 'Running' && r.handle.status.phase !== 'Pending') ;
  const latest = run ?? runs?.runs.at(-1);
  if (latest && kind !== 'page') {
    const status = latest.handle.status;
    const objects = runs!.objects();
    const spec = (objects[runs!.runs.indexOf(latest)].spec as { metrics: { name: string; provider: { prometheus?: { query?: string } }; successCondition?: string; failureCondition?: string }[] }).metrics;
    detection.analysisRun = {
      name: latest.request.name,
      phase: status.phase,
      ...(status.message ? { message: status.message } : {}),
      metrics: status.metricResults.map((m) => {
        const def = spec.find((d) => d.name === m.name);
        return {
          name: m.name,
          phase: m.phase,
          provider: def?.provider.prometheus ? 'prometheus' : Object.keys(def?.provider ?? {})[0] ?? 'unknown',
          ...(def?.provider.prometheus?.query ? { query: def.provider.prometheus.query } : {}),
          ...(def?.successCondition ? { successCondition: def.successCondition } : {}),
          ...(def?.failureCondition ? { failureCondition: def.failureCondition } : {}),
          measurements: m.measurements.map((x) => ({
            startedAt: x.startedAt ?? 0,
            ...(x.finishedAt !== undefined ? { finishedAt: x.finishedAt } : {}),
            phase: x.phase,
            ...(x.value !== undefined ? { value: x.value } : {}),
            ...(x.message ? { message: x.message } : {}),
          })),
        };
      }),
    };
  }
  return detection;
}
