import type { RunRecord } from '../runner/run-record.ts';
import type { TimelineEvent } from '../timeline/events.ts';

/**
 * Where time to detect went, in the order it is spent:
 *   exposure      deploy start -> the first user request the new revision got wrong (ground truth)
 *   scrape lag    -> the first scrape that could see it
 *   analysis wait -> the analysis run (or alert rule) judging it: interval x limits, windows
 *   reaction      -> the controller's abort (0 for a page, which is the detection itself)
 * The parts add up to the time to detect.
 */
export interface TtdBreakdown {
  exposureMs: number;
  scrapeLagMs: number;
  analysisWaitMs: number;
  reactionMs: number;
}

export function computeTtdBreakdown(record: RunRecord, detection: TimelineEvent): TtdBreakdown | null {
  const deployAt = record.scenario.baselineMs;
  const onset = findImpactOnset(record);
  if (onset === undefined || onset > detection.t) return null;
  const interval = record.stack.scrapeIntervalMs;
  // Scrapes happen at every multiple of the interval; a request that started in second `onset`
  // is visible from the first scrape after that second ends.
  const firstScrape = Math.min(detection.t, Math.ceil((onset + 1000) / interval) * interval);
  let judgedAt = detection.t;
  if (detection.source === 'rollout') {
    const verdict = record.timeline.find(
      (e) => e.t >= firstScrape && e.t <= detection.t && e.type === 'analysis.run.phase' && (e.phase === 'Failed' || e.phase === 'Error' || e.phase === 'Inconclusive'),
    );
    if (verdict) judgedAt = verdict.t;
  }
  return {
    exposureMs: onset - deployAt,
    scrapeLagMs: firstScrape - onset,
    analysisWaitMs: judgedAt - firstScrape,
    reactionMs: detection.t - judgedAt,
  };
}

/** Start of the first second after the deploy in which a user request went wrong. */
function findImpactOnset(record: RunRecord): number | undefined {
  const deployAt = record.scenario.baselineMs;
  return record.truth.find((b) => b.t >= deployAt && b.failed + b.slow > 0)?.t;
}
