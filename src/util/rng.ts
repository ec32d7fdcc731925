/**
 * A small seeded PRNG (sfc32 seeded through splitmix32). Math.random is never used in a run:
 * same seed -> same draws -> byte-identical timelines.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Exponentially distributed with the given mean (inter-arrival times, think times). */
  exponential(mean: number): number;
  /** Log-normal with the given median and sigma (of the underlying normal): service and human times. */
  logNormal(median: number, sigma: number): number;
  /** An independent stream derived from this seed and a name: adding a consumer never shifts others. */
  fork(name: string): Rng;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export function createRng(seed: number): Rng {
  const init = splitmix32(seed);
  // sfc32's a, b, c, d in a typed array: as closure variables, every uint32 over 2^31 was a heap
  // number allocated per draw (the sim draws several per simulated request). Stores wrap to
  // uint32 as `>>> 0` did, so the draws are the same.
  const state = new Uint32Array([init(), init(), init(), init()]);
  const nextU32 = (): number => {
    const a = state[0], b = state[1], c = state[2], d = state[3];
    const t = (((a + b) >>> 0) + d) >>> 0;
    state[3] = d + 1;
    state[0] = b ^ (b >>> 9);
    state[1] = c + (c << 3);
    state[2] = ((c << 21) | (c >>> 11)) + t;
    return t;
  };
  for (let i = 0; i < 12; i++) nextU32();
  const next = (): number => nextU32() / 4294967296;
  let spare: number | undefined;
  const normal = (): number => {
    if (spare !== undefined) { const s = spare; spare = undefined; return s; }
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    exponential: (mean) => -Math.log(1 - next()) * mean,
    logNormal: (median, sigma) => median * Math.exp(sigma * normal()),
    fork: (name) => createRng((seed ^ hashString(name)) >>> 0),
  };
}
