import type { InfraError } from '../../util/errors.ts';
import type { Rng } from '../../util/rng.ts';
import type { LoadSpec } from '../load-spec.ts';
import { createBuiltinLoad } from './builtin-load.ts';
import { createK6Load } from './k6-load.ts';
import type { LoadDriver } from './load-driver.ts';
import type { ResolvedLocalOptions } from './local-options.ts';
import type { RequestTrace } from './request-trace.ts';
import type { ScaledClock } from './scaled-clock.ts';
import type { WeightedTruth } from './weighted-truth.ts';

/** The run's user load as chosen with --load: the built-in generator, or k6. */
export function createLoadDriver(opts: {
  options: ResolvedLocalOptions;
  port: number;
  spec: LoadSpec;
  seed: number;
  rng: Rng;
  bodies: string[];
  dir: string;
  clock: ScaledClock;
  trace: RequestTrace;
  truth: WeightedTruth;
  onFailure: (err: InfraError) => void;
}): LoadDriver {
  const { options, clock, truth } = opts;
  const onOutcome = truth.record.bind(truth);
  if (options.load.kind === 'k6') {
    return createK6Load({
      binary: options.load.binary, dir: opts.dir, port: opts.port, spec: opts.spec, seed: opts.seed, scale: clock.scale,
      toVirtual: (u) => clock.fromUnixMs(u), trace: opts.trace, onOutcome, onFailure: opts.onFailure,
    });
  }
  return createBuiltinLoad({ port: opts.port, spec: opts.spec, bodies: opts.bodies, rng: opts.rng, now: () => clock.now(), trace: opts.trace, onOutcome });
}
