import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG } from './render-chart.ts';
import type { RunMarker, SeriesPoint } from './run-series.ts';

const PANELS = [
  { field: 'errorRatio', title: 'error ratio', format: '.0%', interpolate: 'linear', color: '#d62728' },
  { field: 'p99Ms', title: 'p99 latency (ms)', format: '~s', interpolate: 'linear', color: '#ff7f0e' },
  { field: 'weight', title: 'new revision traffic %', format: 'd', interpolate: 'step-after', color: '#1f77b4' },
] as const;

/**
 * One run over time, three panels on a shared axis (minutes from the deploy): the users' error
 * ratio, their p99 latency, the new revision's share of traffic; every panel carries the markers
 * (deploy, detection, abort, rollback, diagnosis, fix merged, recovery) as dashed rules, named in
 * one legend.
 */
export function buildRunChart(title: string, points: SeriesPoint[], markers: RunMarker[]): TopLevelSpec {
  const x = { field: 't', type: 'quantitative' as const, title: 'minutes from deploy' };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, anchor: 'start', fontSize: 13 },
    config: CHART_CONFIG,
    vconcat: PANELS.map((p, i) => ({
      width: 640,
      height: 90,
      layer: [
        {
          data: { values: points },
          mark: { type: 'line' as const, interpolate: p.interpolate, color: p.color, strokeWidth: 1.5 },
          encoding: { x: i === PANELS.length - 1 ? x : { ...x, title: null }, y: { field: p.field, type: 'quantitative' as const, title: p.title, axis: { format: p.format, tickCount: 3 } } },
        },
        {
          data: { values: markers },
          mark: { type: 'rule' as const, strokeDash: [4, 3], strokeWidth: 1.2 },
          encoding: {
            x: { field: 't', type: 'quantitative' as const },
            color: { field: 'label', type: 'nominal' as const, title: 'events', scale: { scheme: 'dark2' } },
          },
        },
      ],
    })),
  } as TopLevelSpec;
}
