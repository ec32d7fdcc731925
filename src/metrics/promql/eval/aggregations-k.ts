import { PromqlEvalError } from '../errors.ts';
import { formatGoFloat } from '../go-float-format.ts';
import { isValidUtf8, quoteGo } from '../parse/literals.ts';
import type { AggregateExpr } from '../syntax-tree.ts';
import { GoHeap, goSort } from './go-sort.ts';
import { groupSamples } from './grouping.ts';
import { setLabel } from './label-ops.ts';
import type { Sample } from './values.ts';
import { hashLabels } from './xxhash64.ts';

/**
 * topk, bottomk, limitk, limit_ratio and count_values at one evaluation time (aggregationK and
 * aggregationCountValues in Prometheus's engine.go). topk/bottomk keep a Go container/heap so
 * that ties resolve to the same series as in Prometheus.
 */
export function aggregateK(e: AggregateExpr, samples: Sample[], param: number): Sample[] {
  if (e.op === 'limit_ratio') return limitRatio(e, samples, param);
  if (param < 1) return [];
  if (Number.isNaN(param)) throw new PromqlEvalError('Parameter value is NaN');
  if (param <= -9.223372036854775807e18) throw new PromqlEvalError(`Scalar value ${formatGoFloat(param, 'g')} underflows int64`);
  if (param >= 9.223372036854775807e18) throw new PromqlEvalError(`Scalar value ${formatGoFloat(param, 'g')} overflows int64`);
  const k = Math.min(Math.trunc(param), samples.length);
  if (k < 1) return [];
  const out: Sample[] = [];
  for (const g of groupSamples(e, samples)) {
    const top = e.op !== 'bottomk';
    // vectorByValueHeap (topk: smallest on top) or vectorByReverseValueHeap (bottomk: largest on top).
    const less = (a: Sample, b: Sample): boolean => (Number.isNaN(a.f) ? true : top ? a.f < b.f : a.f > b.f);
    const heap = new GoHeap<Sample>([], less);
    if (e.op === 'limitk') {
      // The first k samples, in the order Go's heap leaves them.
      for (const s of g.members.slice(0, k)) heap.push(s);
      out.push(...heap.items);
      continue;
    }
    for (const s of g.members) {
      const h = heap.items;
      if (h.length < k) heap.push(s);
      else if ((top ? h[0].f < s.f : h[0].f > s.f) || (Number.isNaN(h[0].f) && !Number.isNaN(s.f))) {
        h[0] = s;
        if (k > 1) heap.fix(0);
      }
    }
    // sort.Sort(sort.Reverse(heap)): best first.
    out.push(...goSort(heap.items, (a, b) => less(b, a)));
  }
  return out;
}

function limitRatio(e: AggregateExpr, samples: Sample[], param: number): Sample[] {
  if (param === 0) return [];
  if (Number.isNaN(param)) throw new PromqlEvalError('Ratio value is NaN');
  const r = Math.max(-1, Math.min(1, param));
  const out: Sample[] = [];
  for (const g of groupSamples(e, samples)) {
    for (const s of g.members) {
      const offset = Number(hashLabels(s.metric)) / 18446744073709551615;
      if ((r >= 0 && offset < r) || (r < 0 && offset >= 1 + r)) out.push(s);
    }
  }
  return out;
}

/** count_values("label", v): how many samples have each value, per group. */
export function countValues(e: AggregateExpr, samples: Sample[], ts: number): Sample[] {
  const label = e.param?.kind === 'string' ? e.param.value : '';
  if (!(label.length > 0 && isValidUtf8(label))) throw new PromqlEvalError(`invalid label name ${quoteGo(label)}`);
  const withValue = samples.map((s) => ({ ...s, metric: setLabel(s.metric, label, formatGoFloat(s.f, 'f')) }));
  const grouping = e.without ? e.grouping : [...e.grouping, label];
  return groupSamples({ ...e, grouping }, withValue).map((g) => ({ metric: g.metric, f: g.members.length, t: ts, dropName: false }));
}
