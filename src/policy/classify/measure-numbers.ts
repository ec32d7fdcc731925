import { formatFactor, roundFactor, UNBOUNDED_FACTOR } from '../classes.ts';
import type { Measured } from './rule-types.ts';
import { formatValue } from './value-diff.ts';

/** Which way a threshold loosens: a ceiling (max error ratio) when raised, a floor when lowered. */
export type Looser = 'higher' | 'lower';

/** A number as config files hold it (`"0.05"` in Argo args too), or undefined. */
export function readNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\s*-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

/** A threshold moved from `from` to `to`: widened or tightened, and by how much. */
export function measureThreshold(label: string, from: number, to: number, looser: Looser, ratio = looser === 'higher' ? divide(to, from) : divide(from, to)): Measured {
  const factor = roundFactor(ratio);
  const widened = ratio > 1;
  const shown = widened ? formatFactor(factor) : `x${factor}`;
  return { class: widened ? 'threshold-widen' : 'threshold-tighten', detail: `${label} ${from} -> ${to} (${shown} looser)`, factor, from, to };
}

/** to / from, where growing from nothing (or from 0) is unbounded. */
export function divide(to: number, from: number): number {
  if (from === 0) return to === 0 ? 1 : UNBOUNDED_FACTOR;
  return to / from;
}

/** A count or size moved: the class given, with from, to and the factor. */
export function measureRatio(cls: Measured['class'], label: string, from: number, to: number): Measured {
  const factor = roundFactor(divide(to, from));
  return { class: cls, detail: `${label} ${from} -> ${to} (${formatFactor(factor)})`, factor, from, to };
}

/** A change that could not be measured, described. */
export function describeChange(cls: Measured['class'], label: string, from: unknown, to: unknown): Measured {
  return { class: cls, detail: `${label}: ${formatValue(from)} -> ${formatValue(to)}` };
}
