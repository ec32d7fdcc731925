import { describe, expect, it } from 'vitest';
import { TruthRecorder, type RequestOutcome } from '../../../src/world/truth.ts';

const ok = (start: number, latencyMs: number, servedByCanary = false): RequestOutcome => ({ start, latencyMs, status: 200, servedByCanary });

describe('TruthRecorder', () => {
  it('buckets requests per second by start time, with latency counts by bound and empty bounds left out', () => {
    const truth = new TruthRecorder(300, (slot) => (slot === 'canary' ? 'c2' : 's1'));
    truth.record(ok(10, 3));
    truth.record(ok(1500, 40_000)); // past the last bound: +Inf
    truth.record(ok(20, 400)); // slow, and back in the first bucket after the second
    truth.record({ start: 30, latencyMs: 0, status: 0, error: 'dropped', servedByCanary: false });
    truth.record({ start: 40, latencyMs: 90, status: 503, servedByCanary: true });
    const [first, second] = truth.takeBefore(Number.POSITIVE_INFINITY);
    expect(first).toEqual({
      t: 0, total: 4, failed: 2, slow: 1, dropped: 1, canary: 1, canaryBad: 1,
      byCommit: { s1: { total: 2, bad: 1 }, c2: { total: 1, bad: 1 } },
      latency: { '5': 1, '100': 1, '500': 1 },
    });
    expect(JSON.stringify(second)).toBe('{"t":1000,"total":1,"failed":0,"slow":1,"dropped":0,"canary":0,"canaryBad":0,"byCommit":{"s1":{"total":1,"bad":1}},"latency":{"+Inf":1}}');
  });

  it('has no latency record for a bucket of dropped requests only', () => {
    const truth = new TruthRecorder(300, () => 's1');
    truth.record({ start: 5, latencyMs: 0, status: 0, error: 'dropped', servedByCanary: false });
    expect(truth.takeBefore(1000)[0]).not.toHaveProperty('latency');
  });

  it('takes only complete buckets, and a request recorded after its bucket was taken starts a new one', () => {
    const truth = new TruthRecorder(300, () => 's1');
    truth.record(ok(100, 10));
    truth.record(ok(1100, 10));
    expect(truth.takeBefore(1500).map((b) => b.t)).toEqual([0]);
    truth.record(ok(200, 30)); // a late answer for the taken second
    truth.record(ok(1200, 30));
    const rest = truth.takeBefore(Number.POSITIVE_INFINITY);
    expect(rest.map((b) => [b.t, b.total, b.latency])).toEqual([[0, 1, { '50': 1 }], [1000, 2, { '10': 1, '50': 1 }]]);
  });
});
