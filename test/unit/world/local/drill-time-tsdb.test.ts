import { describe, expect, it } from 'vitest';
import { EmbeddedMetricSource } from '../../../../src/metrics/embedded-source.ts';
import { loadRuleFile } from '../../../../src/metrics/rules/rule-file.ts';
import { RuleEvaluator } from '../../../../src/metrics/rules/rule-evaluator.ts';
import { DrillTimeTsdb } from '../../../../src/world/local/drill-time-tsdb.ts';
import { ScaledClock } from '../../../../src/world/local/scaled-clock.ts';
import { ScaledMetricSource } from '../../../../src/world/local/scaled-metric-source.ts';

describe('DrillTimeTsdb', () => {
  it('lines recording rules written in drill time up with series scraped in real time', async () => {
    const clock = new ScaledClock(10);
    const tsdb = new DrillTimeTsdb(clock);
    const now = Math.round(clock.toUnixMs(0));
    // Scraped: a counter growing 10 per real second, every real second for the last 10 s.
    for (let s = 10; s >= 0; s--) tsdb.realTime.append({ __name__: 'c_total', job: 'testbed' }, now - s * 1000, (10 - s) * 10);
    const source = new ScaledMetricSource(new EmbeddedMetricSource(tsdb), clock);
    const rules = loadRuleFile('groups:\n  - name: g\n    rules:\n      - record: job:c:rate1m\n        expr: sum by (job) (rate(c_total[1m]))\n      - alert: Busy\n        expr: job:c:rate1m > 5\n');
    const evaluator = new RuleEvaluator(rules, { source, tsdb });
    const result = await evaluator.evaluateAt(0);
    expect(result.errors).toEqual([]);
    expect(result.active.map((a) => a.labels.alertname)).toEqual(['Busy']);
    const recorded = await source.instant('job:c:rate1m', 0);
    expect(recorded.resultType === 'vector' && recorded.result[0].value[1]).toBeCloseTo(10, 5);
  });
});
