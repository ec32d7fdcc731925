import type { Clock } from '../../clock/clock.ts';
import type { MetricSource } from '../../metrics/metric-source.ts';
import { buildAnalysisRunSpec, startAnalysisRun } from '../analysis/index.ts';
import type { AnalysisRunner } from './analysis-runner.ts';
import type { EmitFn } from './rollout-events.ts';

/**
 * The real analysis engine behind the controller's AnalysisRunner seam: the run spec is built
 * like `NewAnalysisRunFromTemplates` (flatten templates, merge args; throws when it cannot, e.g.
 * "args.x was not resolved"), then the run reconciles on the same clock.
 */
export function createAnalysisRunner(opts: { clock: Clock; metrics: MetricSource; emit: EmitFn }): AnalysisRunner {
  return {
    start(request) {
      const spec = buildAnalysisRunSpec({
        templates: request.templates,
        args: request.args,
        dryRun: request.dryRun,
        measurementRetention: request.measurementRetention,
      });
      return startAnalysisRun({ name: request.name, spec, clock: opts.clock, metrics: opts.metrics, emit: opts.emit });
    },
  };
}
