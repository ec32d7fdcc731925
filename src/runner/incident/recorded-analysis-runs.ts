import type { Clock } from '../../clock/clock.ts';
import type { MetricSource } from '../../metrics/metric-source.ts';
import { createAnalysisRunner, type AnalysisRunner } from '../../rollout/index.ts';
import type { StartedAnalysisRun } from '../../rollout/canary/default-analysis-runner.ts';
import type { EmitFn } from '../../rollout/canary/rollout-events.ts';

/**
 * The analysis engine, keeping every run it starts: what an operator (or an agent's `rollout`
 * tool) sees with `kubectl get analysisrun -o yaml`, spec and status, in creation order.
 */
export class RecordedAnalysisRuns {
  readonly runs: StartedAnalysisRun[] = [];
  readonly runner: AnalysisRunner;

  constructor(opts: { clock: Clock; metrics: MetricSource; emit: EmitFn }) {
    this.runner = createAnalysisRunner({ ...opts, onStarted: (run) => this.runs.push(run) });
  }

  /** The runs as Argo-shaped objects, `{{args.x}}` substituted in the metrics as the controller does. */
  objects(): Record<string, unknown>[] {
    return this.runs.map((r) => ({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisRun',
      metadata: { name: r.request.name, labels: r.request.labels },
      spec: { ...r.spec, metrics: r.spec.metrics.map((m) => substituteArgs(m, r.spec.args ?? [])) },
      status: r.handle.status,
    }));
  }

  find(name: string): StartedAnalysisRun | undefined {
    return this.runs.find((r) => r.request.name === name);
  }
}

/** `{{args.name}}` replaced with the run's arg values (a value-less arg stays as written). */
export function substituteArgs<T>(value: T, args: readonly { name: string; value?: string }[]): T {
  const values = new Map(args.filter((a) => a.value !== undefined).map((a) => [a.name, a.value!]));
  const text = JSON.stringify(value).replace(/\{\{\s*args\.([\w-]+)\s*\}\}/g, (m, name: string) => {
    const v = values.get(name);
    return v === undefined ? m : JSON.stringify(v).slice(1, -1);
  });
  return JSON.parse(text) as T;
}
