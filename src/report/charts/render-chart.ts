import type { TopLevelSpec } from 'vega-lite';

/** Shared look: plain sans-serif text, no frame around views (the SVGs sit in a document). */
export const CHART_CONFIG = {
  font: 'sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal' as const, gridColor: '#eee' },
  legend: { labelFontSize: 11, titleFontSize: 11 },
};

/**
 * A vega-lite spec rendered to an SVG string, in Node, at build time: the report needs no script
 * to show it. vega is loaded on first use only (a run that writes no HTML never pays for it).
 * Data must be inline (`values`): nothing is fetched.
 */
export async function renderChartSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
