import { join } from 'node:path';
import { marked } from 'marked';
import { readRunFiles, type RunSummary, type SuiteResult } from '../suite/index.ts';
import { buildHeatMapChart } from './charts/heat-map-chart.ts';
import { buildMaturityChart } from './charts/maturity-chart.ts';
import { renderChartSvg } from './charts/render-chart.ts';
import { buildRunChart } from './charts/run-chart.ts';
import { buildRunSeries } from './charts/run-series.ts';
import { escapeHtml, htmlPage } from './html-page.ts';
import { listSuiteCells, type SuiteCell } from './suite-cells.ts';
import { renderSuiteSections } from './suite-markdown.ts';

const STYLE = `figure{margin:1rem 0;overflow-x:auto}figure svg{max-width:100%;height:auto}details{margin:.5rem 0}summary{cursor:pointer}
td:first-child{white-space:nowrap}.fail summary{color:#b00020;font-weight:600}`;

/**
 * The suite report as one self-contained HTML file: the Markdown report's text (via marked) with
 * SVG charts rendered at build time between its sections (the maturity ladder, the scenario x
 * stack heat map, and per cell the run to look at over time). No script, nothing fetched.
 */
export async function renderSuiteHtml(suite: SuiteResult, dir: string): Promise<string> {
  const md = renderSuiteSections(suite);
  const cells = listSuiteCells(suite);
  const html = (text: string): string => (text ? (marked.parse(text, { async: false }) as string) : '');
  const figure = async (spec: Parameters<typeof renderChartSvg>[0], id: string): Promise<string> => `<figure id="${id}">${await renderChartSvg(spec)}</figure>`;
  const parts = [
    html(md.head),
    html(md.expectations),
    html(md.maturity),
    suite.maturity.length ? await figure(buildMaturityChart(suite), 'maturity-ladder') : '',
    html(md.grid),
    cells.length ? await figure(buildHeatMapChart(cells, suite.stacks.map((s) => s.name), suite.scenarios.map((s) => s.name)), 'heat-map') : '',
    html(md.diagnosis),
    html(md.extras),
    await renderRunCharts(cells, dir),
    html(md.failedRuns),
  ];
  return htmlPage(`firedrill suite ${suite.name}: ${suite.verdict.toUpperCase()}`, parts.filter(Boolean).join('\n'), STYLE);
}

/** Per cell, its worst run over time (open where an expectation failed). */
async function renderRunCharts(cells: SuiteCell[], dir: string): Promise<string> {
  const out = ['<h2>Runs over time</h2>', '<p>Per scenario × stack, its worst run: users\' error ratio and p99 latency (ground truth) and the new revision\'s traffic, with the events that changed them.</p>'];
  for (const cell of cells) {
    const run = pickWorstRun(cell.runs);
    const title = `${cell.scenario} × ${cell.stack}, seed ${run.seed} (${run.scorecard.verdict})`;
    let body: string;
    try {
      const files = await readRunFiles(join(dir, run.dir));
      const series = buildRunSeries({ deployAtMs: files.record.scenario.baselineMs, v2: files.record.workspace.v2, timeline: files.timeline, truth: files.truth, scorecard: run.scorecard });
      body = `<figure class="run-chart">${await renderChartSvg(buildRunChart(title, series.points, series.markers))}</figure>`;
    } catch (err) {
      body = `<p>No chart: the run's files could not be read (${escapeHtml((err as Error).message)}).</p>`;
    }
    const failed = cell.failures.length > 0;
    out.push(`<details${failed ? ' open class="fail"' : ''}><summary>${escapeHtml(title)}${failed ? ' — expectation failed' : ''}</summary>\n${body}\n</details>`);
  }
  return out.join('\n');
}

/** The run most worth a look: a failed verdict, then the longest recovery, then the most users hurt. */
export function pickWorstRun(runs: RunSummary[]): RunSummary {
  const key = (r: RunSummary): [number, number, number] => [
    r.scorecard.verdict === 'fail' ? 1 : 0,
    r.scorecard.bad ? (r.scorecard.fdrtMs ?? Number.POSITIVE_INFINITY) : r.scorecard.falseRollback ? 1 : 0,
    r.scorecard.blastRadius.share,
  ];
  return [...runs].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    return kb[0] - ka[0] || (kb[1] === ka[1] ? 0 : kb[1] > ka[1] ? 1 : -1) || kb[2] - ka[2] || a.seed - b.seed;
  })[0];
}
