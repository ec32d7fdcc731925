import { coreScorecardSchema } from '../suite/result-schemas.ts';
import type { SuiteResult } from '../suite/index.ts';
import { median } from '../util/quantile.ts';
import { escapeCell } from './format.ts';

const KNOWN = new Set(Object.keys(coreScorecardSchema.shape));

/**
 * Scorecard parts this report has no section for (L3's fix with L4's policy gate in fix.gate, and
 * whatever later levels add), shown generically per stack: a yes/no leaf as how many runs said
 * yes, a number as its median, a word as how often each value came. A part appears here the day
 * its scorer ships, before any report code knows its name.
 */
export function describeExtraParts(suite: SuiteResult): string {
  const leaves = new Map<string, Map<string, Leaf[]>>();
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
      if (values.every((v) => typeof v === 'number')) return `median ${Number(median(values).toPrecision(4))}`;
      return countWords(values.map(String));
    });
    return `| \`${escapeCell(path)}\` | ${cells.join(' | ')} |`;
  });
  return ['## Other scores', '', 'Scorecard parts without a section of their own, per stack (yes/no: runs that said yes; numbers: median).', '', `| score | ${stacks.join(' | ')} |`, `|---|${stacks.map(() => '---').join('|')}|`, ...rows, ''].join('\n');
}

type Leaf = boolean | number | string;

/** `safe-allowed 3, unsafe-blocked 1`: each value with how many runs had it, most frequent first. */
function countWords(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1)).map(([v, n]) => `${v} ${n}`).join(', ');
}

/** Yes/no, number and short word leaves (a class or outcome, not free text, which would not tally). */
function flattenLeaves(path: string, value: unknown): [string, Leaf][] {
  if (typeof value === 'boolean' || typeof value === 'number') return [[path, value]];
  if (typeof value === 'string') return /^[\w:.-]{1,40}$/.test(value) ? [[path, value]] : [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => flattenLeaves(`${path}.${k}`, v));
}
