/** A metric of one scenario x stack cell, baseline against current. */
export interface MetricComparison {
  metric: string;
  kind: 'rate' | 'time' | 'share' | 'number';
  better: 'higher' | 'lower';
  /** The two sides as reports show them: `10/10 (72-100%)`, `median 2m30s (10 runs)`. */
  baseline: string;
  current: string;
  /** Current minus baseline, with its interval, e.g. `+2m30s (95% CI +2m..+3m, paired on 10 seeds)`. */
  change: string;
  /** The estimate and its interval in the metric's unit (rates: the difference; their intervals are in the texts). */
  estimate: number | null;
  low: number | null;
  high: number | null;
  verdict: 'regressed' | 'improved' | 'same';
  /** Why a verdict could not be reached (too few runs on a side). */
  note?: string;
}

export type CellStatus = 'regressed' | 'flaky' | 'improved' | 'same' | 'new' | 'removed';

export interface CellComparison {
  scenario: string;
  stack: string;
  status: CellStatus;
  baselineRuns: number;
  currentRuns: number;
  /** Seeds both sides ran: time differences are taken seed by seed over these. */
  pairedSeeds: number;
  /** Current runs of the cell disagree on their verdict across seeds. */
  flaky: boolean;
  metrics: MetricComparison[];
}

/** `firedrill compare`: every cell of either suite, and whether anything regressed beyond the noise. */
export interface Comparison {
  schema: 'firedrill.compare/v1';
  baseline: { name: string; backend: string; runs: number };
  current: { name: string; backend: string; runs: number };
  verdict: 'regressed' | 'ok';
  /** Smallest relative change in a time or share that counts (0.1: 10%). */
  tolerance: number;
  confidence: number;
  cells: CellComparison[];
}
