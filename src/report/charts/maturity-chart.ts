import type { TopLevelSpec } from 'vega-lite';
import type { SuiteResult } from '../../suite/index.ts';
import { formatTime } from '../format.ts';
import { CHART_CONFIG } from './render-chart.ts';

const RUNGS = ['none', 'L0', 'L1', 'L2', 'L3', 'L4'];

/**
 * The maturity ladder: per stack, the CARM level reached (a bar up the rungs, declared level
 * beside it), colored by its DORA tier, with the median FDRT and blast radius of its bad deploys,
 * one row per stack in level order.
 */
export function buildMaturityChart(suite: SuiteResult): TopLevelSpec {
  const rows = suite.maturity.map((m) => {
    const bad = new Set(suite.scenarios.filter((s) => s.truth.bad).map((s) => s.name));
    const shares = suite.runs.filter((r) => r.stack === m.stack && bad.has(r.scenario)).map((r) => r.scorecard.blastRadius.share).sort((a, b) => a - b);
    return {
      stack: `${m.stack} (${m.declared})`,
      rung: Math.max(0, RUNGS.indexOf(m.reached)),
      reached: m.reached,
      fdrtMin: m.dora.fdrtMedianMs === null ? null : m.dora.fdrtMedianMs / 60_000,
      fdrt: formatTime(m.dora.fdrtMedianMs),
      blast: shares.length ? shares[Math.floor((shares.length - 1) / 2)] : 0,
      tier: m.dora.tier,
    };
  });
  const y = { field: 'stack', type: 'nominal' as const, sort: null, title: null };
  const height = Math.max(60, rows.length * 26);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Maturity ladder: CARM level reached per stack, with FDRT and blast radius', anchor: 'start', fontSize: 13 },
    config: CHART_CONFIG,
    data: { values: rows },
    hconcat: [
      {
        width: 260,
        height,
        layer: [
          {
            mark: { type: 'bar', cornerRadiusEnd: 2 },
            encoding: {
              y,
              x: { field: 'rung', type: 'quantitative', title: 'CARM level reached', scale: { domain: [0, 5] }, axis: { values: [0, 1, 2, 3, 4, 5], labelExpr: "['none','L0','L1','L2','L3','L4'][datum.value]" } },
              color: { field: 'tier', type: 'nominal', title: 'DORA tier', scale: { domain: ['elite', 'high', 'medium', 'low'], range: ['#1a9850', '#91cf60', '#fee08b', '#d73027'] } },
            },
          },
          { mark: { type: 'text', align: 'left', dx: 4 }, encoding: { y, x: { field: 'rung', type: 'quantitative' }, text: { field: 'reached' } } },
        ],
      },
      {
        width: 200,
        height,
        layer: [
          { mark: { type: 'bar', color: '#6baed6' }, encoding: { y: { ...y, axis: null }, x: { field: 'fdrtMin', type: 'quantitative', title: 'FDRT, median (min)' } } },
          { mark: { type: 'text', align: 'left', dx: 4 }, encoding: { y: { ...y, axis: null }, x: { field: 'fdrtMin', type: 'quantitative' }, text: { field: 'fdrt' } } },
        ],
      },
      {
        width: 200,
        height,
        layer: [
          { mark: { type: 'bar', color: '#fd8d3c' }, encoding: { y: { ...y, axis: null }, x: { field: 'blast', type: 'quantitative', title: 'blast radius of bad deploys, median', axis: { format: '.1%' } } } },
          { mark: { type: 'text', align: 'left', dx: 4 }, encoding: { y: { ...y, axis: null }, x: { field: 'blast', type: 'quantitative' }, text: { field: 'blast', format: '.2%' } } },
        ],
      },
    ],
  } as TopLevelSpec;
}
