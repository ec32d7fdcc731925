import type { LabelMatcher } from './tsdb.ts';
import { compileAnchoredRegex } from './promql/go-regex.ts';

/**
 * One label matcher against one label value (absent labels are ""). Regexes are Go RE2 syntax,
 * fully anchored, with `.` matching newlines, as in Prometheus 3.
 */
export function matchesLabel(m: LabelMatcher, value: string): boolean {
  switch (m.type) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    case '=~':
      return compileAnchoredRegex(m.value).test(value);
    case '!~':
      return !compileAnchoredRegex(m.value).test(value);
  }
}
