import type { Agent } from 'node:http';
import type { Rng } from '../../util/rng.ts';
import type { LoadSpec } from '../load-spec.ts';
import { HttpLoadGenerator } from './http-load-generator.ts';

const ROUND_MS = 500;
const MIN_ROUNDS = 2;
const MAX_MS = 10_000;

export interface WarmUpResult {
  ms: number;
  rounds: number;
  /** False when the testbed still answered slowly or with errors when the warm-up gave up. */
  settled: boolean;
}

/**
 * Traffic before the drill, so it starts from a warm steady state as the sim does: code
 * compiled, connections open, and the start-up CPU of the processes (and of other runs on the
 * machine) behind us. Rounds of the scenario's own load run until one round is entirely fast
 * and successful (at least MIN_ROUNDS, at most MAX_MS). Nothing of it reaches ground truth, and
 * it happens before the first scrape, so no series sees it either.
 */
export async function warmUp(opts: { port: number; spec: LoadSpec; rng: Rng; agent: Agent; bodies: string[]; slowMs: number }): Promise<WarmUpResult> {
  const started = performance.now();
  for (let round = 1; ; round++) {
    let healthy = true;
    const gen = new HttpLoadGenerator({
      port: opts.port, spec: opts.spec, rng: opts.rng, agent: opts.agent, bodies: opts.bodies, now: () => 0,
      onOutcome: (o) => {
        if (o.error !== undefined || o.status >= 500 || o.latencyMs > opts.slowMs / 2) healthy = false;
      },
    });
    gen.start(ROUND_MS);
    await new Promise((r) => setTimeout(r, ROUND_MS));
    await gen.drained();
    const ms = performance.now() - started;
    if ((healthy && round >= MIN_ROUNDS) || ms >= MAX_MS) return { ms: Math.round(ms), rounds: round, settled: healthy };
  }
}
