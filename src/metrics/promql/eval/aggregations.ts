import type { AggregateExpr } from '../syntax-tree.ts';
import { groupSamples } from './grouping.ts';
import { kahanInc, kahanMean } from './kahan.ts';
import { quantile } from './quantile.ts';
import type { Sample } from './values.ts';

/**
 * sum, avg, min, max, count, group, stddev, stdvar and quantile at one evaluation time, ported
 * from the `aggregation` function of Prometheus's promql/engine.go (including its compensated
 * sums and the switch to an incremental mean when a sum would overflow).
 */
export function aggregate(e: AggregateExpr, samples: Sample[], param: number, ts: number): Sample[] {
  return groupSamples(e, samples).map((g) => ({
    metric: g.metric,
    f: aggregateValues(e.op, g.members.map((s) => s.f), param),
    t: ts,
    dropName: g.members.some((s) => s.dropName),
  }));
}

function aggregateValues(op: AggregateExpr['op'], values: number[], q: number): number {
  switch (op) {
    case 'sum': {
      let sum = values[0];
      let c = 0;
      for (let i = 1; i < values.length; i++) [sum, c] = kahanInc(values[i], sum, c);
      return sum + c;
    }
    case 'avg':
      return kahanMean(values);
    case 'count':
      return values.length;
    case 'group':
      return 1;
    case 'max':
    case 'min': {
      let best = values[0];
      for (let i = 1; i < values.length; i++) {
        const f = values[i];
        if ((op === 'max' ? best < f : best > f) || Number.isNaN(best)) best = f;
      }
      return best;
    }
    case 'stddev':
    case 'stdvar': {
      const variance = welfordVariance(values);
      return op === 'stddev' ? Math.sqrt(variance) : variance;
    }
    case 'quantile':
      return quantile(q, values);
    default:
      throw new Error(`internal: ${op} is not a plain aggregation`);
  }
}

function welfordVariance(values: number[]): number {
  const first = values[0];
  let value = Number.isFinite(first) ? 0 : Number.NaN;
  let mean = first;
  let count = 1;
  for (let i = 1; i < values.length; i++) {
    const f = values[i];
    count++;
    const delta = f - mean;
    mean += delta / count;
    value += delta * (f - mean);
  }
  return value / count;
}
