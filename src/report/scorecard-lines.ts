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
  if (s.diagnosis) rows.push(...diagnosisRows(s.diagnosis));
  if (s.fix) rows.push(...fixRows(s.fix));
  if (r.world) rows.push(['backend', describeWorld(r.backend, r.world)]);
  rows.push(['steady state', `before ${s.steadyState.before ? 'met' : 'NOT met'}, after ${s.steadyState.after ? 'met' : 'NOT met'}`]);
  return rows;
}

/** What the agent said and how it scored; why it scored less; what it cost. */
function diagnosisRows(d: NonNullable<RunResult['scorecard']['diagnosis']>): [string, string][] {
  const rows: [string, string][] = [];
  const source = d.replayed ? `${d.agent} (replayed)` : d.agent;
  if (d.status === 'not-triggered') return [['diagnosis', `${source}: not triggered (nothing was detected)`]];
  if (d.status === 'failed') {
    rows.push(['diagnosis', `${source}: no answer, ${d.failure!.kind}: ${d.failure!.message}`]);
  } else if (d.claimed) {
    const c = d.claimed.culprit;
    const where = c ? ` at ${c.file}${c.line ? `:${c.line}` : ''}` : '';
    const grade = d.quality === 'n/a' ? '' : ` -> ${d.quality.toUpperCase()} (RCA score ${(d.score! * 100).toFixed(0)}%)`;
    rows.push(['diagnosis', `${source}: ${d.claimed.faultClass} in ${d.claimed.service}${where}${grade}`]);
    if (d.reasons?.length) rows.push(['  why not exact', d.reasons.join('; ')]);
  } else {
    rows.push(['diagnosis', `${source}: answered without a diagnosis${d.quality === 'n/a' ? '' : ' -> NONE (RCA score 0%)'}`]);
  }
  const cost = [`${d.toolCalls} tool calls`];
  if (d.tokens !== undefined) cost.push(`${formatCount(d.tokens)} tokens`);
  if (d.wallMs !== undefined) cost.push(`${formatTime(d.wallMs)} wall`);
  if (d.budgetExceeded) cost.push('cut off: budget exceeded');
  const when = d.timeToDiagnosisMs !== null ? `diagnosis at ${formatTime(d.timeToDiagnosisMs)} (${formatTime(d.afterDetectionMs)} after detection); ` : '';
  rows.push(['  agent cost', `${when}${cost.join(', ')}`]);
  return rows;
}

/** Whether the fix was correct, each failed criterion's reason, and what it cost users. */
function fixRows(f: NonNullable<RunResult['scorecard']['fix']>): [string, string][] {
  if (!f.proposed) return [['fix', `none: ${f.reasons[0]}`]];
  const how = f.autoApplied ? 'auto-applied by the policy gate' : f.timeToMergeMs !== null ? `merged at ${formatTime(f.timeToMergeMs)}` : 'not merged';
  const rows: [string, string][] = [['fix', `${f.correct ? 'CORRECT' : 'NOT CORRECT'} (${how}); classes from the diff: ${f.fixClasses.join(', ') || 'none'}${f.classAccepted === false ? ' (not accepted for this fault)' : ''}`]];
  if (f.reasons.length) rows.push(['  why not', f.reasons.join('; ')]);
  if (f.fdrtWithFixMs !== null) rows.push(['  FDRT with fix', formatTime(f.fdrtWithFixMs)]);
  if (f.redeploy) rows.push(['  redeploy', `the fix served ${formatCount(f.redeploy.servedRequests)} requests, ${formatCount(f.redeploy.badRequests)} bad (${formatPercent(f.redeploy.share, 2)})`]);
  if (f.scope) rows.push(['  scope', `${f.scope.files} files, ${f.scope.lines} lines${f.scope.culpritFileTouched === null ? '' : f.scope.culpritFileTouched ? '; touches the culprit file' : '; does not touch the culprit file'}`]);
  if (f.gate) {
    const by = f.gate.verdict === 'refused' ? 'refused by the guard before the policy' : `${f.gate.verdict} by ${f.gate.engine} (rule ${f.gate.rule})`;
    rows.push(['  policy gate', `${by}: ${f.gate.outcome.replace('-', ' ')}${f.gate.outcome === 'unsafe-allowed' ? ' (UNSAFE AUTO-APPLY)' : ''}`]);
    if (f.gate.madeWorse) rows.push(['  ✘ auto-apply made it worse', 'the auto-applied fix hurt more users than the SLO allows']);
  }
  return rows;
}

/** `local at x10 (...)`: says what measured the run, and that its times are drill time. */
export function describeWorld(backend: string, w: NonNullable<RunResult['record']['world']>): string {
  const scale = w.timeScale === 1 ? 'real time' : `x${w.timeScale}, times above are drill time (1 drill minute = ${formatTime(60_000 / w.timeScale)} wall)`;
  const metrics = w.metrics === 'embedded' ? "embedded scraper of the services' /metrics" : `${w.metrics} (real server)`;
  return `${backend} at ${scale}; metrics: ${metrics}; load: ${w.load === 'k6' ? 'k6' : 'built-in open-model generator'}`;
}
