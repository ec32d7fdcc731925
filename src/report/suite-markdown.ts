import type { SuiteResult } from '../suite/index.ts';
import { escapeCell, formatPercent, formatTime } from './format.ts';
import { describeExtraParts } from './extra-parts.ts';
import { describeGroupFailure, listSuiteCells, type SuiteCell } from './suite-cells.ts';

/** Markdown is for a GitHub step summary (1 MiB) and a PR comment (65,536 characters): lists are capped. */
const MAX_FAILED_RUNS = 30;
const MAX_FAILURES_PER_EXPECTATION = 12;

export interface SuiteMarkdownSections {
  head: string;
  expectations: string;
  maturity: string;
  grid: string;
  diagnosis: string;
  extras: string;
  failedRuns: string;
}

/** The suite report in Markdown, section by section (the HTML report puts its charts between them). */
export function renderSuiteSections(suite: SuiteResult): SuiteMarkdownSections {
  const cells = listSuiteCells(suite);
  return {
    head: renderHead(suite),
    expectations: renderExpectations(suite),
    maturity: renderMaturity(suite),
    grid: renderGrid(suite, cells),
    diagnosis: renderDiagnosis(cells),
    extras: describeExtraParts(suite),
    failedRuns: renderFailedRuns(suite),
  };
}

export function renderSuiteMarkdown(suite: SuiteResult): string {
  return `${Object.values(renderSuiteSections(suite)).filter(Boolean).join('\n')}`;
}

function renderHead(s: SuiteResult): string {
  const failed = s.expectations.filter((e) => !e.pass).length;
  const verdict = s.verdict === 'pass' ? '✔ PASS' : `✘ FAIL (${failed} of ${s.expectations.length} expectations failed${s.runs.length < s.planned ? '; runs missing' : ''})`;
  const seeds = [...new Set(s.runs.map((r) => r.seed))].sort((a, b) => a - b);
  return [
    `# firedrill suite \`${s.name}\`: ${verdict}`,
    '',
    `${s.description}. Backend \`${s.backend}\`: ${s.runs.length} of ${s.planned} runs, ${s.scenarios.length} scenarios × ${s.stacks.length} stacks, seeds ${describeSeeds(seeds)}.`,
    '',
  ].join('\n');
}

function renderExpectations(s: SuiteResult): string {
  const rows = s.expectations.map((e) => {
    const failed = e.groups.filter((g) => !g.pass);
    const shown = failed.slice(0, MAX_FAILURES_PER_EXPECTATION).map((g) => escapeCell(describeGroupFailure(g)));
    if (failed.length > shown.length) shown.push(`and ${failed.length - shown.length} more`);
    const result = e.pass ? `held in ${e.groups.length} group${e.groups.length === 1 ? '' : 's'}` : [e.note, ...shown].filter(Boolean).join('<br>');
    return `| ${e.pass ? '✔' : '✘'} | \`${escapeCell(e.id)}\` | ${result} |`;
  });
  return ['## Expectations', '', '| | expectation | result |', '|---|---|---|', ...rows, ''].join('\n');
}

function renderMaturity(s: SuiteResult): string {
  const rows = s.maturity.map((m) => {
    const next = m.checks.find((c) => !c.holds);
    const d = m.dora;
    return `| ${m.stack} | ${m.declared} | **${m.reached}** | ${d.tier} (FDRT ${d.fdrtTier ?? 'n/a'}, CFR ${d.cfrTier}) | ${formatTime(d.fdrtMedianMs)} | ${formatPercent(d.changeFailureRate, 0)} (${d.failedChanges} of ${d.deploys}) | ${next ? `${next.level}: ${escapeCell(next.numbers)}` : 'all levels hold'} |`;
  });
  const criteria = s.maturity[0]?.checks.map((c) => `- **${c.level}**: ${c.criterion}`) ?? [];
  return [
    '## Maturity',
    '',
    '| stack | declared | CARM level reached | DORA tier | FDRT (median) | change failure rate | first unmet level |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    'A stack reaches the highest level whose criteria, and those of every level below, hold on all its runs:',
    '',
    ...criteria,
    '',
    "DORA tier: the lower of FDRT's (median over bad deploys: < 1 h elite, < 1 day high, < 1 week medium) and the change failure rate's (bad deploys not aborted by the rollout, over all deploys: ≤ 5% elite, ≤ 10% high, ≤ 15% medium).",
    '',
  ].join('\n');
}

function renderGrid(s: SuiteResult, cells: SuiteCell[]): string {
  const stacks = s.stacks.map((t) => t.name).filter((name) => cells.some((c) => c.stack === name));
  const rows = s.scenarios.map((sc) => {
    const line = stacks.map((stack) => {
      const c = cells.find((x) => x.scenario === sc.name && x.stack === stack);
      if (!c) return '-';
      const mark = c.failures.length ? '✘' : '✔';
      const detail = c.bad ? `FDRT ${formatTime(Number.isFinite(c.fdrtMedianMs!) ? c.fdrtMedianMs : null)}` : `${c.runs.filter((r) => r.scorecard.falseRollback).length} false rollbacks`;
      return `${mark} ${c.passed}/${c.runs.length} · ${detail} · ${formatPercent(c.blastShareMedian, 2)} bad`;
    });
    return `| ${sc.name} (${sc.truth.bad ? sc.truth.faultClass : 'control'}) | ${line.join(' | ')} |`;
  });
  return [
    '## Scenario × stack',
    '',
    'Per cell: ✘ when an expectation failed there; runs that passed their own verdict; median FDRT (bad deploys) or false rollbacks (controls); median share of bad requests.',
    '',
    `| scenario | ${stacks.join(' | ')} |`,
    `|---|${stacks.map(() => '---').join('|')}|`,
    ...rows,
    '',
  ].join('\n');
}

/** The L2 part, explicitly: per cell with an agent, exact RCA, mean score, time to diagnosis, cost. */
function renderDiagnosis(cells: SuiteCell[]): string {
  const rows = cells
    .filter((c) => c.bad && c.runs.some((r) => r.scorecard.diagnosis))
    .map((c) => {
      const d = c.runs.map((r) => r.scorecard.diagnosis!).filter(Boolean);
      const exact = d.filter((x) => x.quality === 'exact').length;
      const partial = d.filter((x) => x.quality === 'partial').length;
      const score = d.reduce((n, x) => n + (x.score ?? 0), 0) / d.length;
      const times = d.map((x) => x.timeToDiagnosisMs).filter((t): t is number => t !== null).sort((a, b) => a - b);
      const calls = d.map((x) => x.toolCalls).sort((a, b) => a - b);
      return `| ${c.scenario} | ${c.stack} | ${exact}/${d.length} | ${partial}/${d.length} | ${formatPercent(score, 0)} | ${formatTime(times[Math.floor((times.length - 1) / 2)] ?? null)} | ${calls[Math.floor((calls.length - 1) / 2)]} |`;
    });
  if (rows.length === 0) return '';
  return ['## Diagnosis (L2 and up)', '', '| scenario | stack | exact RCA | partial | mean RCA score | time to diagnosis (median) | tool calls (median) |', '|---|---|---|---|---|---|---|', ...rows, ''].join('\n');
}

function renderFailedRuns(s: SuiteResult): string {
  const failed = s.runs.filter((r) => r.scorecard.verdict === 'fail');
  if (failed.length === 0) return '';
  const rows = failed.slice(0, MAX_FAILED_RUNS).map((r) => `| ${r.scenario} | ${r.stack} | ${r.seed} | ${escapeCell(r.scorecard.reasons.join('; '))} | \`${r.dir}\` |`);
  const more = failed.length > MAX_FAILED_RUNS ? [`${failed.length - MAX_FAILED_RUNS} more in suite.json.`, ''] : [];
  return ['## Runs that failed their own verdict', '', '| scenario | stack | seed | why | files |', '|---|---|---|---|---|', ...rows, '', ...more].join('\n');
}

/** `1-10`, or `1-3, 7`. */
function describeSeeds(seeds: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < seeds.length; ) {
    let j = i;
    while (j + 1 < seeds.length && seeds[j + 1] === seeds[j] + 1) j++;
    parts.push(i === j ? String(seeds[i]) : `${seeds[i]}-${seeds[j]}`);
    i = j + 1;
  }
  return parts.join(', ') || 'none';
}
