import type { TimelineEvent } from '../timeline/events.ts';
import { formatCount, formatPercent, formatTime } from './format.ts';
import type { RunResult } from './run-result.ts';

/** Events a postmortem's timeline lists: what people, the controller, the agent and the fix did. */
const NOTABLE = /^(deploy\.started|rollout\.(aborted|completed|paused)|analysis\.run\.phase|page\.sent|page\.acked|investigation\.(done|informed|waiting)|rollback\.(started|done)|agent\.(triggered|answered|failed)|fix\.|policy\.decided)/;

/**
 * The postmortem of a run that reached a fix: what happened when, how it was detected, the root
 * cause the agent found (and how right it was), the fix and its proof by redeploy, what users
 * felt, what the agent cost. Markdown, written beside the run's other files.
 */
export function renderPostmortem(result: RunResult): string {
  const { record, scorecard: s } = result;
  const deployAt = record.scenario.baselineMs;
  const at = (e: TimelineEvent): string => `+${formatTime(e.t - deployAt)}`;
  const lines = [`# Postmortem: ${record.scenario.name} (${record.stack.name}, ${record.backend}, seed ${record.seed})`, ''];
  lines.push('## Summary', '', `A deploy of ${record.scenario.deploy.service} (\`${record.workspace.v2.slice(0, 12)}\`, "${record.scenario.deploy.message.split('\n')[0]}")`
    + ` ${s.detection ? `was detected by ${s.detection.by} after ${formatTime(s.detection.ttdMs)}` : 'was not detected'}.`
    + ` Users ${s.impactStartMs === null ? 'never left the SLO' : `left the SLO ${formatTime(s.impactStartMs)} after the deploy`};`
    + ` FDRT ${formatTime(s.fdrtMs)}${s.fix?.fdrtWithFixMs != null ? `, with the fix serving everyone after ${formatTime(s.fix.fdrtWithFixMs)}` : ''}.`, '');
  lines.push('## Timeline (from the deploy)', '');
  for (const e of record.timeline.filter((e) => e.t >= deployAt && NOTABLE.test(e.type))) lines.push(`- ${at(e)} \`${e.type}\` ${describe(e)}`);
  lines.push('');
  if (s.diagnosis) {
    const d = s.diagnosis;
    lines.push('## Root cause', '');
    lines.push(d.claimed ? `The agent (${d.agent}) said: ${d.claimed.faultClass} in ${d.claimed.service}${d.claimed.culprit ? ` at \`${d.claimed.culprit.file}${d.claimed.culprit.line ? `:${d.claimed.culprit.line}` : ''}\`` : ''}.` : `The agent (${d.agent}) gave no diagnosis${d.failure ? ` (${d.failure.kind}: ${d.failure.message})` : ''}.`);
    if (record.scenario.truth.bad) lines.push('', `Ground truth: ${record.scenario.truth.cause}. The diagnosis was ${d.quality.toUpperCase()}${d.reasons?.length ? ` (${d.reasons.join('; ')})` : ''}.`);
    lines.push('');
  }
  if (s.fix) {
    const f = s.fix;
    lines.push('## The fix', '');
    lines.push(f.proposed ? `${f.autoApplied ? 'Applied by the policy gate without a human' : 'Reviewed and merged by a human'}${f.timeToMergeMs !== null ? ` ${formatTime(f.timeToMergeMs)} after the deploy` : ''}. Classes read from its diff: ${f.fixClasses.join(', ') || 'none'}${f.classAccepted === null ? '' : f.classAccepted ? ' (a class the scenario accepts)' : ' (not a class the scenario accepts)'}.` : 'No fix was proposed.');
    lines.push('', `Verdict: the fix was ${f.correct ? '**correct**' : '**not correct**'}.`);
    for (const [name, c] of Object.entries(f.criteria)) lines.push(`- ${c.ok ? 'yes' : 'no'}: ${name}${c.reason ? ` (${c.reason})` : ''}`);
    if (f.redeploy) lines.push('', `The fix served ${formatCount(f.redeploy.servedRequests)} requests, ${formatCount(f.redeploy.badRequests)} of them bad (${formatPercent(f.redeploy.share, 2)}).`);
    if (record.fix) lines.push('', `PR: branch \`${record.fix.branch}\`, commit \`${record.fix.commit.slice(0, 12)}\` (pr.md)${record.fix.github ? `, ${record.fix.github.url}` : ''}.`);
    lines.push('');
  }
  const b = s.blastRadius;
  lines.push('## User impact', '', `${formatCount(b.badRequests)} bad of ${formatCount(b.totalRequests)} requests after the deploy (${formatPercent(b.share, 2)}): ${formatCount(b.failed)} failed, ${formatCount(b.slow)} slow, ${formatCount(b.dropped)} dropped; ${b.errorBudgetBurnedPercent.toFixed(2)}% of the error budget.`, '');
  if (s.diagnosis) {
    const d = s.diagnosis;
    lines.push('## Agent cost', '', `${d.toolCalls} tool calls${d.tokens !== undefined ? `, ${formatCount(d.tokens)} tokens` : ''}${d.wallMs !== undefined ? `, ${formatTime(d.wallMs)} wall` : ''}${d.budgetExceeded ? ', cut off at its budget' : ''}.`, '');
  }
  return lines.join('\n');
}

function describe(e: TimelineEvent): string {
  const pick = ['alert', 'phase', 'message', 'decision', 'why', 'commit', 'role', 'verdict', 'rule', 'reason', 'title', 'agent', 'kind', 'diagnosis'];
  return pick.filter((k) => e[k] !== undefined).map((k) => `${k}: ${typeof e[k] === 'string' ? String(e[k]).split('\n')[0].slice(0, 160) : JSON.stringify(e[k]).slice(0, 160)}`).join('; ');
}
