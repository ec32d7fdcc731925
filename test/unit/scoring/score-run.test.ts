import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../src/runner/run-record.ts';
import { scoreRun } from '../../../src/scoring/score-run.ts';
import type { TimelineEvent } from '../../../src/timeline/events.ts';
import type { TruthBucket } from '../../../src/world/truth.ts';

const BASELINE = 300_000;
const END = BASELINE + 1_800_000;

/** 50 requests a second; from `badFrom` until `badUntil`, `badPerSecond` of them fail. */
function truth(badFrom: number, badUntil: number, badPerSecond: number): TruthBucket[] {
  const out: TruthBucket[] = [];
  for (let t = 0; t < END; t += 1000) {
    const bad = t >= badFrom && t < badUntil ? badPerSecond : 0;
    out.push({ t, total: 50, failed: bad, slow: 0, dropped: 0, canary: t >= BASELINE ? 50 : 0, canaryBad: bad, byCommit: {} });
  }
  return out;
}

function record(opts: { bad: boolean; truth: TruthBucket[]; events: TimelineEvent[] }): RunRecord {
  return {
    schema: 'firedrill.run/v1',
    scenario: {
      name: 's', description: 'd', slo: { objective: 99.5, latencyThresholdMs: 1000, windowMs: 30 * 86_400_000 }, load: { rate: 50 },
      baselineMs: BASELINE, durationMs: END - BASELINE, deploy: { service: 'checkout', message: 'm' },
      truth: opts.bad
        ? { bad: true, service: 'checkout', faultClass: 'code-defect', cause: 'c', culprit: { file: 'f', contains: 'x' }, fixClasses: ['revert'] }
        : { bad: false },
    },
    stack: { name: 'l0', level: 'L0', scrapeIntervalMs: 15_000 },
    backend: 'sim',
    seed: 1,
    workspace: { v1: 'a', v2: 'b', diff: '' },
    timeline: [
      { t: BASELINE, source: 'harness', type: 'steady-state.before', met: true },
      ...opts.events,
      { t: END, source: 'harness', type: 'steady-state.after', met: true },
    ],
    truth: opts.truth,
  };
}

describe('scoreRun calibration', () => {
  it('a perfect stack (detects and rolls back the second users are hurt) scores full marks', () => {
    const s = scoreRun(record({
      bad: true,
      truth: truth(BASELINE, BASELINE + 1000, 10),
      events: [
        { t: BASELINE + 1000, source: 'rollout', type: 'rollout.aborted', message: 'metric failed' },
      ],
    }));
    expect(s.verdict).toBe('pass');
    expect(s.detected).toBe(true);
    expect(s.detection?.ttdMs).toBe(1000);
    expect(s.blastRadius.badRequests).toBe(10);
    // one bad second never takes a 1-minute SLI out of a 99.5% SLO: contained at the rollback
    expect(s.impactStartMs).toBeNull();
    expect(s.fdrtMs).toBe(1000);
    expect(s.fdrtNote).toMatch(/contained/);
  });

  it('a do-nothing stack scores zero: not detected, not recovered, every bad request counted', () => {
    const s = scoreRun(record({ bad: true, truth: truth(BASELINE, END, 10), events: [] }));
    expect(s.verdict).toBe('fail');
    expect(s.detected).toBe(false);
    expect(s.detection).toBeNull();
    expect(s.fdrtMs).toBeNull();
    expect(s.rollback).toBeNull();
    expect(s.blastRadius.badRequests).toBe(1800 * 10);
    expect(s.blastRadius.share).toBeCloseTo(0.2);
    expect(s.reasons).toContain('not detected');
  });

  it('L0-like: a page, then a human rollback; FDRT runs to the sustained recovery', () => {
    const rollbackAt = BASELINE + 20 * 60_000;
    const s = scoreRun(record({
      bad: true,
      truth: truth(BASELINE, rollbackAt, 10),
      events: [
        { t: BASELINE + 120_000, source: 'pager', type: 'page.sent', alert: 'SLOErrorBudgetBurn' },
        { t: rollbackAt, source: 'oncall', type: 'deploy.rolled-back' },
      ],
    }));
    expect(s.verdict).toBe('pass');
    expect(s.detection).toMatchObject({ by: 'pager', signal: 'SLOErrorBudgetBurn', ttdMs: 120_000 });
    expect(s.rollback).toEqual({ by: 'human', atMs: 20 * 60_000 });
    // 10 bad a second: the second bad second takes the trailing minute past 0.5%
    expect(s.impactStartMs).toBe(2000);
    // a forward window starting 1 s before the rollback holds one bad second: within SLO
    expect(s.fdrtMs).toBe(20 * 60_000 - 1000);
    expect(s.blastRadius.badRequests).toBe(20 * 60 * 10);
    // 12,000 bad of a 30-day budget of 50 rps * 0.5% = 648,000
    expect(s.blastRadius.errorBudgetBurnedPercent).toBeCloseTo((100 * 12_000) / 648_000, 6);
  });

  it('never reports a time that did not happen as 0', () => {
    const s = scoreRun(record({ bad: true, truth: truth(BASELINE, END, 10), events: [] }));
    expect(s.fdrtMs).not.toBe(0);
    expect(s.impactStartMs).toBe(2000);
  });

  it('a good deploy passes quietly and fails on a false page or rollback', () => {
    const quiet = scoreRun(record({ bad: false, truth: truth(0, 0, 0), events: [] }));
    expect(quiet.verdict).toBe('pass');
    expect(quiet.fdrtMs).toBeNull();
    const noisy = scoreRun(record({
      bad: false,
      truth: truth(0, 0, 0),
      events: [
        { t: BASELINE + 60_000, source: 'pager', type: 'page.sent', alert: 'x' },
        { t: BASELINE + 600_000, source: 'oncall', type: 'deploy.rolled-back' },
      ],
    }));
    expect(noisy.verdict).toBe('fail');
    expect(noisy.falsePage).toBe(true);
    expect(noisy.falseRollback).toBe(true);
  });

  it('fails a run whose testbed was unhealthy before the deploy', () => {
    const r = record({ bad: false, truth: truth(0, 0, 0), events: [] });
    r.timeline[0] = { ...r.timeline[0], met: false };
    expect(scoreRun(r).verdict).toBe('fail');
  });
});

describe('TTD split', () => {
  it('adds up exposure, scrape lag, analysis wait and controller reaction to the TTD', () => {
    const abortAt = BASELINE + 150_000;
    const s = scoreRun(record({
      bad: true,
      truth: truth(BASELINE + 20_000, abortAt, 2),
      events: [
        { t: BASELINE + 140_000, source: 'analysis', type: 'analysis.run.phase', phase: 'Failed' },
        { t: abortAt + 500, source: 'rollout', type: 'rollout.aborted', message: 'metric "error-rate" assessed Failed' },
      ],
    }));
    const b = s.detection!.breakdown!;
    expect(b).toEqual({ exposureMs: 20_000, scrapeLagMs: 10_000, analysisWaitMs: 110_000, reactionMs: 10_500 });
    expect(b.exposureMs + b.scrapeLagMs + b.analysisWaitMs + b.reactionMs).toBe(s.detection!.ttdMs);
  });
});
