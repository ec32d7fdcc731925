import { describe, expect, it } from 'vitest';
import { buildRunSeries } from '../../../src/report/charts/run-series.ts';
import type { TimelineEvent } from '../../../src/timeline/events.ts';
import { makeFix, makeScorecard } from '../../helpers/scorecards.ts';

const MIN = 60_000;
const DEPLOY = 5 * MIN;
const ev = (t: number, type: string, data: Record<string, unknown> = {}): TimelineEvent => ({ t, type, source: 'test', ...data }) as unknown as TimelineEvent;

describe("a run's chart markers", () => {
  it('mark the L3 merge and the L4 auto-apply by the catalog names, in minutes from the deploy', () => {
    const scorecard = makeScorecard({ ttdMs: 2.5 * MIN, fdrtMs: 20 * MIN, fix: makeFix() });
    const timeline = [ev(DEPLOY + 2.5 * MIN, 'rollout.aborted'), ev(DEPLOY + 4 * MIN, 'agent.answered'), ev(DEPLOY + 12 * MIN, 'fix.auto-applied'), ev(DEPLOY + 15 * MIN, 'fix.merged')];
    const { markers } = buildRunSeries({ deployAtMs: DEPLOY, v2: 'v2', timeline, truth: [], scorecard });
    expect(markers.map((m) => `${m.label}@${m.t}`)).toEqual(['deploy@0', 'detected (rollout)@2.5', 'abort@2.5', 'diagnosis@4', 'fix auto-applied@12', 'fix merged@15', 'recovered@20']);
  });
});
