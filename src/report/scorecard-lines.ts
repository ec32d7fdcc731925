import type { RunResult } from './run-result.ts';
import { doraTier, formatCount, formatPercent, formatTime } from './format.ts';

/** The scorecard as label/value rows: shared by the console and Markdown reporters. */
export function buildScorecardRows(result: RunResult): [string, string][] {
  const s = result.scorecard;
  const r = result.record;
  const b = s.blastRadius;
  const rows: [string, string][] = [];
  rows.push(['verdict', `${s.verdict.toUpperCase()}: ${s.reasons.join('; ')}`]);
  rows.push(['deploy', `${r.scenario.deploy.service} ${r.workspace.v2.slice(0, 12)} "${r.scenario.deploy.message.split('\n')[0]}"`]);
  rows.push(['ground truth', r.scenario.truth.bad ? `bad: ${r.scenario.truth.faultClass} in ${r.scenario.truth.service}` : 'good deploy (control)']);
  rows.push(['detected', s.detection ? `yes, by ${s.detection.by} after ${formatTime(s.detection.ttdMs)} (${s.detection.signal})` : 'no']);
  const b0 = s.detection?.breakdown;
  if (b0) {
    rows.push(['  TTD split', `${formatTime(b0.exposureMs)} until a user was hurt + ${formatTime(b0.scrapeLagMs)} scrape lag + ` +
      `${formatTime(b0.analysisWaitMs)} ${s.detection!.by === 'rollout' ? 'analysis' : 'alert'} wait + ${formatTime(b0.reactionMs)} controller reaction`]);
  }
  rows.push(['pages', s.falsePage ? `${s.pages} (false page)` : String(s.pages)]);
  rows.push(['rollback', s.rollback ? `by ${s.rollback.by} at ${formatTime(s.rollback.atMs)}${s.falseRollback ? ' (false rollback)' : ''}` : 'none']);
  rows.push(['users out of SLO', s.impactStartMs === null ? 'never' : `from ${formatTime(s.impactStartMs)}`]);
  if (s.bad) rows.push(['FDRT', `${formatTime(s.fdrtMs)}  [DORA: ${doraTier(s.fdrtMs)}]  ${s.fdrtNote}`]);
  rows.push([
    'blast radius',
    `${formatCount(b.badRequests)} bad of ${formatCount(b.totalRequests)} requests (${formatPercent(b.share, 2)}): ` +
      `${formatCount(b.failed)} failed, ${formatCount(b.slow)} slow, ${formatCount(b.dropped)} dropped`,
  ]);
  rows.push(['error budget', `${b.errorBudgetBurnedPercent.toFixed(2)}% of the ${formatTime(r.scenario.slo.windowMs)} budget (SLO ${r.scenario.slo.objective}%, ${formatTime(r.scenario.slo.latencyThresholdMs)})`]);
  if (r.world) rows.push(['backend', describeWorld(r.backend, r.world)]);
  rows.push(['steady state', `before ${s.steadyState.before ? 'met' : 'NOT met'}, after ${s.steadyState.after ? 'met' : 'NOT met'}`]);
  return rows;
}

/** `local at x10 (...)`: says what measured the run, and that its times are drill time. */
export function describeWorld(backend: string, w: NonNullable<RunResult['record']['world']>): string {
  const scale = w.timeScale === 1 ? 'real time' : `x${w.timeScale}, times above are drill time (1 drill minute = ${formatTime(60_000 / w.timeScale)} wall)`;
  const metrics = w.metrics === 'embedded' ? "embedded scraper of the services' /metrics" : `${w.metrics} (real server)`;
  return `${backend} at ${scale}; metrics: ${metrics}; load: ${w.load === 'k6' ? 'k6' : 'built-in open-model generator'}`;
}
