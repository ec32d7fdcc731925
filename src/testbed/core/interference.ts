/**
 * Trouble from outside a service's code: a noisy neighbour saturating its host's disk, a
 * failing node. While it lasts, each request the service starts fails at once with `message`
 * (a 503, logged as the service would log the I/O error) with probability `errorRatio`; the
 * rest run normally. Scenarios schedule it (spec.interference); both runtimes apply it here.
 */
export interface Interference {
  errorRatio: number;
  message: string;
}

/** Status of a request an interference failed. */
export const INTERFERENCE_STATUS = 503;

/** Draws only while an interference is active, so runs without one keep their random streams. */
export function failsUnder(interference: Interference | undefined, random: () => number): boolean {
  return interference !== undefined && random() < interference.errorRatio;
}
