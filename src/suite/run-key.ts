/**
 * What identifies a run within a suite: scenario x stack x seed (the backend is the suite's).
 * Results are kept and written in key order, whatever order runs finish in, so a suite run in
 * parallel, resumed, or merged from shards gives the same files.
 */
export interface RunKey {
  scenario: string;
  stack: string;
  seed: number;
}

export function formatRunKey(k: RunKey): string {
  return `${k.scenario} × ${k.stack} × seed ${k.seed}`;
}

/** A map key (names cannot hold NUL). */
export function runKeyId(k: RunKey): string {
  return `${k.scenario}\u0000${k.stack}\u0000${k.seed}`;
}

export function compareRunKeys(a: RunKey, b: RunKey): number {
  return compareText(a.scenario, b.scenario) || compareText(a.stack, b.stack) || a.seed - b.seed;
}

/** Code-point order, the same on every machine (localeCompare depends on the locale). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The run's folder inside the suite's: stable, so a resumed suite finds what it wrote. */
export function runDirName(k: RunKey, backend: string): string {
  return `${k.scenario}-${k.stack}-${backend}-s${k.seed}`;
}
