import { scorecardSchema } from '../suite/result-schemas.ts';
import type { SuiteResult } from '../suite/index.ts';
import { median } from '../util/quantile.ts';
import { escapeCell } from './format.ts';

const KNOWN = new Set(Object.keys(scorecardSchema.shape));

/**
 * Scorecard parts this report has no section for (those later levels add: fix, policy, ...),
 * shown generically per stack: a yes/no leaf as how many runs said yes, a number as its median.
 * A part appears here the day its scorer ships, before any report code knows its name.
 */
export function describeExtraParts(suite: SuiteResult): string {
  const leaves = new Map<string, Map<string, (boolean | number)[]>>();
  for (const run of suite.runs) {
    for (const [part, value] of Object.entries(run.scorecard)) {
      if (KNOWN.has(part)) continue;
      for (const [path, leaf] of flattenLeaves(part, value)) {
        if (!leaves.has(path)) leaves.set(path, new Map());
        const byStack = leaves.get(path)!;
        byStack.set(run.stack, [...(byStack.get(run.stack) ?? []), leaf]);
      }
    }
  }
  if (leaves.size === 0) return '';
  const stacks = suite.stacks.map((s) => s.name);
  const rows = [...leaves].sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, byStack]) => {
    const cells = stacks.map((stack) => {
      const values = byStack.get(stack);
      if (!values?.length) return '-';
      if (values.every((v) => typeof v === 'boolean')) return `${values.filter(Boolean).length}/${values.length}`;
      const numbers = values.filter((v): v is number => typeof v === 'number');
      return `median ${Number(median(numbers).toPrecision(4))}`;
    });
    return `| \`${escapeCell(path)}\` | ${cells.join(' | ')} |`;
  });
  return ['## Other scores', '', 'Scorecard parts without a section of their own, per stack (yes/no: runs that said yes; numbers: median).', '', `| score | ${stacks.join(' | ')} |`, `|---|${stacks.map(() => '---').join('|')}|`, ...rows, ''].join('\n');
}

function flattenLeaves(path: string, value: unknown): [string, boolean | number][] {
  if (typeof value === 'boolean' || typeof value === 'number') return [[path, value]];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => flattenLeaves(`${path}.${k}`, v));
}
