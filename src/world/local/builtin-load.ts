import { createKeepAliveAgent } from '../../testbed/process/http-json.ts';
import type { Rng } from '../../util/rng.ts';
import type { LoadSpec } from '../load-spec.ts';
import type { RequestOutcome } from '../truth.ts';
import { HttpLoadGenerator, type CanaryTrace } from './http-load-generator.ts';
import type { LoadDriver } from './load-driver.ts';

/** The built-in generator as a load driver: the sim's payloads and route mix, over real HTTP to the entry router. */
export function createBuiltinLoad(opts: {
  port: number;
  spec: LoadSpec;
  /** Request bodies (the run's seeded cart pool), serialized. */
  bodies: string[];
  rng: Rng;
  now: () => number;
  trace: CanaryTrace;
  onOutcome: (o: RequestOutcome) => void;
}): LoadDriver {
  const agent = createKeepAliveAgent();
  const gen = new HttpLoadGenerator({ port: opts.port, spec: opts.spec, rng: opts.rng, agent, bodies: opts.bodies, now: opts.now, onOutcome: opts.onOutcome, trace: opts.trace });
  return {
    kind: 'builtin',
    start: (durationMs) => gen.start(durationMs),
    async stop() {
      gen.stop();
      agent.destroy();
    },
    counters: () => ({ ...gen.counters }),
    completeBefore: (now) => Math.min(now, gen.oldestOpenStart() ?? now),
  };
}
