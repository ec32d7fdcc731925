import { HISTOGRAM_FUNCTIONS } from './histogram-functions.ts';
import { INSTANT_FUNCTIONS, type InstantFunction } from './instant-functions.ts';
import { LABEL_FUNCTIONS } from './label-functions.ts';
import { OVER_TIME_FUNCTIONS } from './over-time-functions.ts';
import type { RangeFunction } from './range-window.ts';
import { RATE_FUNCTIONS } from './rate-functions.ts';

/** Implementations by name: functions over a range vector, and the rest. */
export const RANGE_FUNCTIONS: Readonly<Record<string, RangeFunction>> = { ...RATE_FUNCTIONS, ...OVER_TIME_FUNCTIONS };

export const VECTOR_FUNCTIONS: Readonly<Record<string, InstantFunction>> = {
  ...INSTANT_FUNCTIONS,
  ...LABEL_FUNCTIONS,
  ...HISTOGRAM_FUNCTIONS,
};

/** Only these keep the metric name of their input (they act like an offset). */
export const NAME_KEEPING_RANGE_FUNCTIONS: ReadonlySet<string> = new Set(['last_over_time', 'first_over_time']);

export const ANCHORED_SAFE_FUNCTIONS: ReadonlySet<string> = new Set(['resets', 'changes', 'rate', 'increase', 'delta']);
export const SMOOTHED_SAFE_FUNCTIONS: ReadonlySet<string> = new Set(['rate', 'increase', 'delta']);
