import type { Labels } from '../../../labels.ts';
import { unwrapParens, type Expr } from '../../syntax-tree.ts';

/**
 * Labels of absent()'s and absent_over_time()'s output: the equality matchers of the selector
 * (except the metric name), unless the same label is also constrained another way.
 */
export function absentLabels(arg: Expr): Labels {
  const e = unwrapParens(arg);
  const matchers = e.kind === 'vectorSelector' ? e.matchers : e.kind === 'matrixSelector' ? e.selector.matchers : [];
  const out: Record<string, string> = {};
  const has = new Set<string>();
  for (const m of matchers) {
    if (m.name === '__name__') continue;
    if (m.type === '=' && !has.has(m.name)) {
      if (m.value === '') delete out[m.name];
      else out[m.name] = m.value;
      has.add(m.name);
    } else delete out[m.name];
  }
  return out;
}
