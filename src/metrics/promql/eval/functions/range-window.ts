/**
 * What a function over a range vector gets for one series at one evaluation time: the samples in
 * its window plus where the window lies (rate/increase extrapolate towards the window's edges).
 */
export interface RangeWindow {
  t: number[];
  f: number[];
}

export interface RangeCall {
  /** Evaluation time of the step. */
  ts: number;
  /** Window (rangeStart, rangeEnd] in ms; rangeEnd = (@ time or ts) - offset. */
  rangeStart: number;
  rangeEnd: number;
  /** The selector's (or subquery's) range in ms. */
  range: number;
  anchored: boolean;
  smoothed: boolean;
  /** Scalar arguments besides the range vector, in order, at this step. */
  scalars: number[];
}

/** A function of one series' window; undefined means "no output for this series". */
export type RangeFunction = (w: RangeWindow, call: RangeCall) => number | undefined;
