import type { Clock } from '../clock/clock.ts';
import type { EmitWorldEvent } from './world.ts';
import type { Scenario } from '../scenario/scenario.ts';
import type { Interference } from '../testbed/core/interference.ts';

/**
 * Starts and ends the scenario's interference (trouble from outside the deploy) at its times,
 * counted from the scheduled deploy, on whatever runtime `apply` reaches; each start and end is
 * a timeline event, so a reader of the run sees it beside the deploy it is not caused by.
 */
export function scheduleInterference(opts: {
  clock: Clock;
  scenario: Pick<Scenario, 'interference' | 'baselineMs'>;
  apply: (service: string, interference: Interference | undefined) => void;
  emit: EmitWorldEvent;
}): void {
  for (const x of opts.scenario.interference) {
    const at = opts.scenario.baselineMs + x.startMs;
    const interference = { errorRatio: x.errorRatio, message: x.message };
    opts.clock.schedule(at, () => {
      opts.apply(x.service, interference);
      opts.emit('world.interference.started', { service: x.service, errorRatio: x.errorRatio, message: x.message });
    });
    opts.clock.schedule(at + x.durationMs, () => {
      opts.apply(x.service, undefined);
      opts.emit('world.interference.ended', { service: x.service });
    });
  }
}
