import type { Labels } from '../../labels.ts';
import type { AggregateExpr } from '../syntax-tree.ts';
import { keepLabels, signatureIgnoring, signatureOn, withoutLabels } from './label-ops.ts';
import type { Sample } from './values.ts';

/** Splits an instant vector into the groups of `by (...)` / `without (...)`, in first-seen order. */
export interface Group<T> {
  /** Output labels of the group (grouping labels only; for topk the samples keep their own). */
  metric: Labels;
  members: T;
}

export function groupSamples(e: AggregateExpr, samples: Sample[]): Group<Sample[]>[] {
  const sorted = [...e.grouping].sort();
  const without = new Set(e.grouping);
  const key = e.without
    ? (l: Labels) => signatureIgnoring(l, without)
    : (l: Labels) => signatureOn(l, sorted);
  const groups = new Map<string, Group<Sample[]>>();
  for (const s of samples) {
    const k = sorted.length === 0 && !e.without ? '' : key(s.metric);
    let g = groups.get(k);
    if (!g) {
      g = { metric: groupingLabels(e, s.metric), members: [] };
      groups.set(k, g);
    }
    g.members.push(s);
  }
  return [...groups.values()];
}

function groupingLabels(e: AggregateExpr, metric: Labels): Labels {
  if (e.without) return withoutLabels(metric, [...e.grouping, '__name__']);
  if (e.grouping.length > 0) return keepLabels(metric, e.grouping);
  return {};
}
