import type { Clock } from '../../clock/clock.ts';
import type { MetricSource } from '../../metrics/metric-source.ts';
import { buildAnalysisRunSpec, startAnalysisRun, type AnalysisRunHandle } from '../analysis/index.ts';
import type { AnalysisRunSpec } from '../analysis/types.ts';
import type { AnalysisRunner, AnalysisRunRequest } from './analysis-runner.ts';
import type { EmitFn } from './rollout-events.ts';

/** A run the engine started: what `kubectl get analysisrun -o yaml` shows, spec and live status. */
export interface StartedAnalysisRun {
  request: AnalysisRunRequest;
  spec: AnalysisRunSpec;
  handle: AnalysisRunHandle;
}

/**
 * The real analysis engine behind the controller's AnalysisRunner seam: the run spec is built
 * like `NewAnalysisRunFromTemplates` (flatten templates, merge args; throws when it cannot, e.g.
 * "args.x was not resolved"), then the run reconciles on the same clock. `onStarted` sees every
 * run (the runner keeps them for the agents' toolbox).
 */
export function createAnalysisRunner(opts: {
  clock: Clock; metrics: MetricSource; emit: EmitFn; onStarted?: (run: StartedAnalysisRun) => void;
}): AnalysisRunner {
  return {
    start(request) {
      const spec = buildAnalysisRunSpec({
        templates: request.templates,
        args: request.args,
        dryRun: request.dryRun,
        measurementRetention: request.measurementRetention,
      });
      const handle = startAnalysisRun({ name: request.name, spec, clock: opts.clock, metrics: opts.metrics, emit: opts.emit });
      opts.onStarted?.({ request, spec, handle });
      return handle;
    },
  };
}
