import { describeChange, measureThreshold, type Looser } from './measure-numbers.ts';
import type { Measured } from './rule-types.ts';

/**
 * Thresholds inside a condition: Argo's `successCondition` / `failureCondition` (expr) and an
 * alert rule's PromQL `expr`. Two versions compare when they are the same text but for their
 * numbers; then each moved number next to a comparison is a threshold, looser or stricter by
 * what the condition means (a success bound raised passes more; a failure bound raised fails
 * less). Any other rewrite (`true`, a dropped clause) is not a threshold change.
 */
export type ConditionRole = 'success' | 'failure';

const NUMBER = /(?<![\w.[\]])\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w.[\]])/g;
const OP_BEFORE = /(<=|>=|==|!=|<|>)\s*$/;
const OP_AFTER = /^\s*(<=|>=|==|!=|<|>)/;
const FLIP: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

export function compareConditions(label: string, role: ConditionRole, before: string, after: string): Measured[] {
  const a = numbersIn(before);
  const b = numbersIn(after);
  if (a.skeleton !== b.skeleton) return [describeChange('analysis-change', `${label} rewritten`, before, after)];
  const found: Measured[] = [];
  for (const [i, x] of a.numbers.entries()) {
    const y = b.numbers[i];
    if (x.value === y.value) continue;
    const looser = looserWay(role, operatorAt(after, y));
    found.push(looser ? measureThreshold(label, x.value, y.value, looser) : describeChange('analysis-change', `${label} number not next to a bound`, x.value, y.value));
  }
  return found;
}

/** Resolves `{{args.name}}` with the template's arg values, so a bound moved into an arg still compares. */
export function resolveArgs(text: string, args: ReadonlyMap<string, string>): string {
  return text.replace(/\{\{\s*args\.([\w-]+)\s*\}\}/g, (m, name: string) => args.get(name) ?? m);
}

interface Found {
  value: number;
  start: number;
  end: number;
}

function numbersIn(text: string): { skeleton: string; numbers: Found[] } {
  const numbers = [...text.matchAll(NUMBER)].map((m) => ({ value: Number(m[0]), start: m.index, end: m.index + m[0].length }));
  return { skeleton: text.replace(NUMBER, '#').replace(/\s+/g, ' ').trim(), numbers };
}

/** The comparison a number is the bound of, written as `value OP number`. */
function operatorAt(text: string, n: Found): string | undefined {
  const before = OP_BEFORE.exec(text.slice(0, n.start));
  if (before) return before[1];
  const after = OP_AFTER.exec(text.slice(n.end));
  return after ? (FLIP[after[1]] ?? after[1]) : undefined;
}

function looserWay(role: ConditionRole, op: string | undefined): Looser | undefined {
  if (op === '<' || op === '<=') return role === 'success' ? 'higher' : 'lower';
  if (op === '>' || op === '>=') return role === 'success' ? 'lower' : 'higher';
  return undefined;
}
