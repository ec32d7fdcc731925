import type { TimelineEvent } from '../timeline/events.ts';
import type { RunResult } from './run-result.ts';
import { buildScorecardRows } from './scorecard-lines.ts';
import { escapeCell, formatTime } from './format.ts';

/** Events worth a line in the summary's timeline (snapshots and traffic details are left out). */
const KEY_EVENTS = /^(deploy\.|page\.|alert\.|investigation\.|rollback\.|rollout\.|analysis\.run|world\.(canary|promoted|traffic|saturation\.started|errors\.started)|steady-state|run\.)/;

export function renderSummaryMarkdown(result: RunResult): string {
  const { record } = result;
  const rows = buildScorecardRows(result);
  const deployAt = record.scenario.baselineMs;
  const events = record.timeline.filter((e) => KEY_EVENTS.test(e.type));
  const lines = [
    `# ${record.scenario.name} × ${record.stack.name} (${record.stack.level})`,
    '',
    `${record.scenario.description}. Backend \`${record.backend}\`, seed ${record.seed}.`,
    '',
    '| score | value |',
    '|---|---|',
    ...rows.map(([k, v]) => `| ${k} | ${escapeCell(v)} |`),
    '',
    '## What happened',
    '',
    '| t (from deploy) | who | event |',
    '|---|---|---|',
    ...events.map((e) => `| ${relative(e.t, deployAt)} | ${e.source} | ${escapeCell(describeEvent(e))} |`),
    '',
  ];
  if (record.scenario.truth.bad) {
    const t = record.scenario.truth;
    lines.push('## Ground truth', '', `- service: \`${t.service}\`, fault class: \`${t.faultClass}\``, `- cause: ${t.cause}`,
      `- culprit: \`${t.culprit.file}\` (\`${t.culprit.contains}\`)`, `- acceptable fixes: ${t.fixClasses.join(', ')}`, '');
  }
  lines.push('## The change', '', '```diff', record.workspace.diff.trimEnd(), '```', '');
  return lines.join('\n');
}

function relative(t: number, deployAt: number): string {
  return t < deployAt ? `-${formatTime(deployAt - t)}` : formatTime(t - deployAt);
}

function describeEvent(e: TimelineEvent): string {
  const { t: _t, type, source: _s, ...rest } = e;
  const detail = Object.entries(rest)
    .filter(([, v]) => typeof v !== 'object' || v === null)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
  return detail ? `${type} ${detail}` : type;
}
