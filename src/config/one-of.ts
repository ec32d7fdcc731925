import { describeValue } from './describe-value.ts';

/**
 * The one wording for a value outside a fixed set, in schema issues, cross-checks and CLI hints:
 * `must be one of: "canary", "rolling" (got string "blue")`; with a single choice,
 * `must be "argoproj.io/v1alpha1"`.
 */
export function mustBeOneOf(choices: readonly unknown[], opts: { got?: unknown } = {}): string {
  const listed = choices.map((c) => (typeof c === 'string' ? JSON.stringify(c) : String(c)));
  const head = listed.length === 1 ? `must be ${listed[0]}` : `must be one of: ${listed.join(', ')}`;
  return 'got' in opts ? `${head} (got ${describeValue(opts.got)})` : head;
}
