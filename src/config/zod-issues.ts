import type { z } from 'zod';
import { describeValue } from './describe-value.ts';
import { mustBeOneOf } from './one-of.ts';
import { dedupeIssues, type PathIssue, type YamlPath } from './path-issue.ts';

/**
 * The one zod-issue converter, for every loader (scenario, stack, suite, Rollout, analysis
 * templates, Prometheus rules). Messages are worded here, while zod parses (a per-parse error
 * map), so a message a schema sets itself (`{ error: '...' }`, `.min(1, '...')`, a refine) wins
 * and every other issue reads the same in every file kind. Unknown keys read like Argo's strict
 * decoder ("unknown field"), so a typo is told apart from a known-but-unsupported field.
 * A custom issue may carry `params: { hint, atKey }`.
 */
export interface SchemaCheckOptions {
  /** Prepended to every issue's path (a schema for part of a document). */
  prefix?: YamlPath;
  /** Hint for unknown fields, e.g. where the format is documented. */
  unknownKeyHint?: string;
}

const UNKNOWN_KEY_HINT = 'check its spelling and indentation, or remove it';

export function checkWithSchema<S extends z.ZodType>(
  schema: S,
  value: unknown,
  opts: SchemaCheckOptions = {},
): { value?: z.output<S>; issues: PathIssue[] } {
  const parsed = schema.safeParse(value, { reportInput: true, error: wordIssue });
  if (parsed.success) return { value: parsed.data, issues: [] };
  return { issues: dedupeIssues(convertZodIssues(parsed.error.issues, opts)) };
}

export function convertZodIssues(issues: readonly z.core.$ZodIssue[], opts: SchemaCheckOptions = {}): PathIssue[] {
  return issues.flatMap((issue) => convertOne(issue, opts));
}

function convertOne(issue: z.core.$ZodIssue, opts: SchemaCheckOptions): PathIssue[] {
  const path: YamlPath = [...(opts.prefix ?? []), ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: [...path, key], message: `unknown field "${key}"`, hint: opts.unknownKeyHint ?? UNKNOWN_KEY_HINT, atKey: true }));
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0 && issue.message === wordIssue(issue as unknown as z.core.$ZodRawIssue)) {
    return describeUnion(issue, path, opts);
  }
  const params = issue.code === 'custom' ? (issue.params ?? {}) : {};
  return [{
    path,
    message: issue.message,
    ...(typeof params.hint === 'string' ? { hint: params.hint } : {}),
    ...(params.atKey === true ? { atKey: true } : {}),
  }];
}

/**
 * A value none of a union's forms accepts. When every form failed on the value's type alone,
 * say which types would do; else report the form that got furthest (fewest issues), as the user
 * meant one of them.
 */
function describeUnion(issue: z.core.$ZodIssue & { code: 'invalid_union' }, path: YamlPath, opts: SchemaCheckOptions): PathIssue[] {
  const typeOnly = (branch: z.core.$ZodIssue[]): boolean => branch.length === 1 && branch[0].code === 'invalid_type' && branch[0].path.length === 0;
  const deeper = issue.errors.filter((branch) => !typeOnly(branch));
  if (deeper.length === 0) {
    const expected = [...new Set(issue.errors.map((b) => (b[0] as z.core.$ZodIssueInvalidType).expected))].map(nameType);
    return [{ path, message: `expected ${expected.join(' or ')}, got ${describeValue(issue.input)}` }];
  }
  const best = [...deeper].sort((a, b) => a.length - b.length)[0];
  return convertZodIssues(best, { ...opts, prefix: path });
}

/** The wording of each issue zod raises without a message of the schema's own. */
function wordIssue(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `required (expected ${nameType(issue.expected)})` : `expected ${nameType(issue.expected)}, got ${describeValue(issue.input)}`;
    case 'invalid_value':
      return issue.input === undefined ? `required (${mustBeOneOf(issue.values)})` : mustBeOneOf(issue.values, { got: issue.input });
    case 'too_small':
      return describeBound(issue.origin, 'least', issue.minimum, issue.inclusive);
    case 'too_big':
      return describeBound(issue.origin, 'most', issue.maximum, issue.inclusive);
    case 'invalid_format':
      return issue.format === 'regex' && issue.pattern ? `must match ${issue.pattern}` : `must be a valid ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'invalid_union':
      return `matches none of the allowed forms, got ${describeValue(issue.input)}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    case 'invalid_key':
      return 'invalid key';
    case 'invalid_element':
      return 'invalid entry';
    default:
      return 'invalid value';
  }
}

function describeBound(origin: string, side: 'least' | 'most', bound: number | bigint, inclusive = true): string {
  const n = String(bound);
  if (origin === 'string') return side === 'least' && n === '1' ? 'must not be empty' : `must have at ${side} ${n} characters`;
  if (origin === 'array' || origin === 'set') return side === 'least' && n === '1' ? 'must not be empty' : `must have at ${side} ${n} items`;
  const op = side === 'least' ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<';
  return `must be ${op} ${n}`;
}

function nameType(expected: string): string {
  if (expected === 'int') return 'integer';
  if (expected === 'record') return 'object';
  return expected;
}
