import type { Labels } from '../../../labels.ts';
import { formatOpenMetricsFloat } from '../../go-float-format.ts';
import { parseGoFloat } from '../../parse/literals.ts';
import { labelsKey, setLabel, withoutLabels } from '../label-ops.ts';
import { bucketFraction, bucketQuantile, type Bucket } from '../quantile.ts';
import { asScalar, asVector, vector, type Sample, type Value } from '../values.ts';
import type { InstantCall, InstantFunction } from './instant-functions.ts';

/**
 * histogram_quantile, histogram_quantiles and histogram_fraction over classic histograms
 * (`_bucket` series with `le` labels). Native histograms are not stored by this engine, so the
 * functions that only read native histograms (histogram_count, _sum, _avg, _stddev, _stdvar)
 * return nothing for float samples, exactly as Prometheus does.
 */
interface BucketGroup {
  metric: Labels;
  buckets: Bucket[];
}

/** Groups bucket samples by their labels without `le` (the metric name included, as in Prometheus 3). */
function groupBuckets(samples: Sample[]): BucketGroup[] {
  const groups = new Map<string, BucketGroup>();
  for (const s of samples) {
    const le = parseGoFloat(s.metric.le ?? '');
    if (le === undefined) continue;
    const metric = withoutLabels(s.metric, ['le']);
    const key = labelsKey(metric);
    let g = groups.get(key);
    if (!g) {
      g = { metric, buckets: [] };
      groups.set(key, g);
    }
    g.buckets.push({ upperBound: le, count: s.f });
  }
  return [...groups.values()];
}

const histogramQuantile: InstantFunction = (args, call) => {
  const q = asScalar(args[0]);
  return vector(groupBuckets(asVector(args[1])).map((g) => ({
    metric: g.metric, f: bucketQuantile(q, g.buckets), t: call.ts, dropName: true,
  })));
};

const histogramQuantiles: InstantFunction = (args, call: InstantCall) => {
  const label = call.expr.args[1].kind === 'string' ? call.expr.args[1].value : '';
  const groups = groupBuckets(asVector(args[0]));
  const out: Sample[] = [];
  for (const qv of args.slice(2)) {
    const q = asScalar(qv);
    for (const g of groups) {
      out.push({ metric: setLabel(g.metric, label, formatOpenMetricsFloat(q)), f: bucketQuantile(q, g.buckets), t: call.ts, dropName: true });
    }
  }
  return vector(out);
};

const histogramFraction: InstantFunction = (args, call) => {
  const lower = asScalar(args[0]);
  const upper = asScalar(args[1]);
  return vector(groupBuckets(asVector(args[2])).map((g) => ({
    metric: g.metric, f: bucketFraction(lower, upper, g.buckets), t: call.ts, dropName: true,
  })));
};

const nativeOnly: InstantFunction = (): Value => vector([]);

export const HISTOGRAM_FUNCTIONS: Record<string, InstantFunction> = {
  histogram_quantile: histogramQuantile,
  histogram_quantiles: histogramQuantiles,
  histogram_fraction: histogramFraction,
  histogram_avg: nativeOnly,
  histogram_count: nativeOnly,
  histogram_sum: nativeOnly,
  histogram_stddev: nativeOnly,
  histogram_stdvar: nativeOnly,
};
