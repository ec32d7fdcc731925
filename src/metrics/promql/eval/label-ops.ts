import { labelsKey, type Labels } from '../../labels.ts';

/** Label-set operations the evaluator needs, on plain `Labels` records (never mutated). */

/** Labels that describe the metric itself; Prometheus drops them all when it drops the name. */
const METADATA_LABELS = ['__name__', '__type__', '__unit__'];

export function dropMetricName(labels: Labels): Labels {
  if (!('__name__' in labels) && !('__type__' in labels) && !('__unit__' in labels)) return labels;
  const out: Record<string, string> = { ...labels };
  for (const n of METADATA_LABELS) delete out[n];
  return out;
}

/** Sets (or, for an empty value, deletes) one label, as Prometheus's labels.Builder does. */
export function setLabel(labels: Labels, name: string, value: string): Labels {
  const out: Record<string, string> = { ...labels };
  if (value === '') delete out[name];
  else out[name] = value;
  return out;
}

export function withoutLabels(labels: Labels, names: readonly string[]): Labels {
  const out: Record<string, string> = { ...labels };
  for (const n of names) delete out[n];
  return out;
}

export function keepLabels(labels: Labels, names: readonly string[]): Labels {
  const out: Record<string, string> = {};
  for (const n of names) if (labels[n] !== undefined && labels[n] !== '') out[n] = labels[n];
  return out;
}

/** Join key of `on(names)`: the values of exactly those labels. */
export function signatureOn(labels: Labels, sortedNames: readonly string[]): string {
  let sig = '';
  for (const n of sortedNames) sig += `${labels[n] ?? ''}\u0000`;
  return sig;
}

/** Join key of `ignoring(names)`: every label except those and the metric name. */
export function signatureIgnoring(labels: Labels, names: ReadonlySet<string>): string {
  let sig = '';
  for (const n of Object.keys(labels).sort()) {
    if (names.has(n) || n === '__name__') continue;
    sig += `${n}\u0000${labels[n]}\u0001`;
  }
  return sig;
}

export function compareLabels(a: Labels, b: Labels): number {
  const ka = labelsKey(a);
  const kb = labelsKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** True when two label sets are equal. */
export function sameLabels(a: Labels, b: Labels): boolean {
  return labelsKey(a) === labelsKey(b);
}

export { labelsKey };
