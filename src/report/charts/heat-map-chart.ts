import type { TopLevelSpec } from 'vega-lite';
import type { SuiteCell } from '../suite-cells.ts';
import { formatTime } from '../format.ts';
import { CHART_CONFIG } from './render-chart.ts';

/**
 * Scenario x stack: each cell colored by the share of its runs that passed their own verdict,
 * labeled with the median FDRT (bad deploys) or the false rollbacks (controls); a red frame and a
 * ✘ where an expectation failed.
 */
export function buildHeatMapChart(cells: SuiteCell[], stacks: string[], scenarios: string[]): TopLevelSpec {
  const values = cells.map((c) => {
    const falseRollbacks = c.runs.filter((r) => r.scorecard.falseRollback).length;
    const label = c.bad ? `FDRT ${formatTime(Number.isFinite(c.fdrtMedianMs!) ? c.fdrtMedianMs : null)}` : `${falseRollbacks} false rb`;
    return { scenario: c.scenario, stack: c.stack, passShare: c.passed / c.runs.length, label: `${c.failures.length ? '✘ ' : ''}${label}`, runs: `${c.passed}/${c.runs.length}`, failed: c.failures.length > 0 };
  });
  const x = { field: 'stack', type: 'nominal' as const, sort: stacks, title: 'stack', axis: { labelAngle: 0 } };
  const y = { field: 'scenario', type: 'nominal' as const, sort: scenarios, title: 'scenario' };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Scenario × stack: runs passing their own verdict, median FDRT (✘: an expectation failed)', anchor: 'start', fontSize: 13 },
    config: CHART_CONFIG,
    data: { values },
    width: Math.max(200, stacks.length * 110),
    height: Math.max(60, scenarios.length * 40),
    layer: [
      {
        mark: { type: 'rect', strokeWidth: 3 },
        encoding: {
          x,
          y,
          stroke: { field: 'failed', type: 'nominal', title: 'expectation', scale: { domain: [false, true], range: ['white', '#b00020'] }, legend: { labelExpr: "datum.value ? 'failed here' : 'held'" } },
          color: { field: 'passShare', type: 'quantitative', title: 'runs passed', scale: { domain: [0, 1], scheme: 'redyellowgreen' }, legend: { format: '.0%' } },
        },
      },
      { mark: { type: 'text', fontSize: 10, dy: -6 }, encoding: { x, y, text: { field: 'label' } } },
      { mark: { type: 'text', fontSize: 10, dy: 7 }, encoding: { x, y, text: { field: 'runs' } } },
    ],
  } as TopLevelSpec;
}
