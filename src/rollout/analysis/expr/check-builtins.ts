/**
 * Type checks of the expr builtins firedrill supports (checker.go:builtinNode and the Validate
 * functions in builtin/builtin.go, builtin/validation.go). Builtins outside this list are real
 * expr builtins that firedrill does not implement: they are a compile error naming the builtin, so
 * an unsupported condition is never silently accepted.
 */
import type { NodeOf } from './expr-ast.ts';
import type { ExprChecker } from './check-expr.ts';
import {
  BOOL, DURATION, FLOAT, INT, STRING, TIME, UNKNOWN, arrayOf, isNumber, isUnknown, natureToString, type Nature,
} from './nature.ts';

export const SUPPORTED_BUILTINS = [
  'all', 'any', 'none', 'one', 'filter', 'map', 'count', 'sum', 'find', 'findIndex', 'findLast', 'findLastIndex',
  'len', 'abs', 'ceil', 'floor', 'round', 'int', 'float', 'string', 'type', 'max', 'min', 'mean', 'median',
  'first', 'last', 'upper', 'lower', 'trim', 'keys', 'values', 'now', 'duration',
] as const;

const PREDICATE_BOOL = new Set(['all', 'any', 'none', 'one', 'filter', 'count', 'find', 'findIndex', 'findLast', 'findLastIndex']);

export function checkBuiltin(c: ExprChecker, node: NodeOf<'builtin'>): Nature {
  if (!(SUPPORTED_BUILTINS as readonly string[]).includes(node.name)) {
    return c.fail(node, `builtin ${node.name} is not supported by firedrill (supported: ${SUPPORTED_BUILTINS.join(', ')})`);
  }
  if (node.name in PREDICATE_RESULTS || node.name === 'sum') return checkPredicateBuiltin(c, node);
  const natures = node.args.map((a) => c.visit(a));
  const fixed = FIXED_SIGNATURES[node.name];
  if (fixed) return fixed(c, node, natures);
  return c.fail(node, `unknown builtin ${node.name}`);
}

const PREDICATE_RESULTS: Record<string, (collection: Nature, out: Nature) => Nature> = {
  all: () => BOOL, any: () => BOOL, none: () => BOOL, one: () => BOOL, count: () => INT,
  findIndex: () => INT, findLastIndex: () => INT,
  filter: (coll) => (isUnknown(coll) ? arrayOf(UNKNOWN) : coll),
  find: (coll) => (coll.kind === 'array' ? coll.elem : UNKNOWN),
  findLast: (coll) => (coll.kind === 'array' ? coll.elem : UNKNOWN),
  map: (_coll, out) => arrayOf(out),
};

function checkPredicateBuiltin(c: ExprChecker, node: NodeOf<'builtin'>): Nature {
  const collection = c.visit(node.args[0]);
  if (collection.kind !== 'array' && !isUnknown(collection)) {
    return c.fail(node.args[0], `builtin ${node.name} takes only array (got ${natureToString(collection)})`);
  }
  if (node.args.length === 1) {
    if (node.name === 'count') return INT;
    return collection.kind === 'array' ? collection.elem : UNKNOWN;
  }
  c.predicateScopes.push({ collection, vars: node.name === 'map' ? { index: INT } : {} });
  const predicate = c.visit(node.args[1]);
  c.predicateScopes.pop();
  if (predicate.kind !== 'predicate' || predicate.out.kind === 'nil') {
    return c.fail(node.args[1], 'predicate should has one input and one output param');
  }
  const out = predicate.out;
  if (node.name === 'sum') return out;
  if (PREDICATE_BOOL.has(node.name) && out.kind !== 'bool' && !isUnknown(out)) {
    return c.fail(node.args[1], `predicate should return boolean (got ${natureToString(out)})`);
  }
  return PREDICATE_RESULTS[node.name](collection, out);
}

type Signature = (c: ExprChecker, node: NodeOf<'builtin'>, args: Nature[]) => Nature;

function expectCount(c: ExprChecker, node: NodeOf<'builtin'>, args: Nature[], n: number): void {
  if (args.length !== n) c.fail(node, `invalid number of arguments (expected ${n}, got ${args.length})`);
}

/** A builtin with `Validate`: one argument whose kind must be in `kinds` (unknown always passes). */
function unaryValidated(kinds: Nature['kind'][], out: (arg: Nature) => Nature, message: (name: string, t: string) => string): Signature {
  return (c, node, args) => {
    expectCount(c, node, args, 1);
    const a = args[0];
    if (isUnknown(a) || kinds.includes(a.kind)) return out(a);
    return c.fail(node, message(node.name, natureToString(a)));
  };
}

const invalidArg = (name: string, t: string): string => `invalid argument for ${name} (type ${t})`;
const NUMERIC: Nature['kind'][] = ['int', 'float'];

function aggregate(c: ExprChecker, node: NodeOf<'builtin'>, args: Nature[]): Nature {
  if (args.length === 0) return c.fail(node, `not enough arguments to call ${node.name}`);
  for (const a of args) {
    if (isUnknown(a) || a.kind === 'array') return UNKNOWN;
    if (!isNumber(a)) return c.fail(node, invalidArg(node.name, natureToString(a)));
  }
  return args[0];
}

/** Builtins typed by a plain Go signature (`Types:` in builtin.go) go through checkArguments. */
function typed(params: Nature[], out: Nature): Signature {
  return (c, node) => c.checkArguments(node.name, params, out, node.args, node);
}

const FIXED_SIGNATURES: Record<string, Signature> = {
  len: unaryValidated(['array', 'map', 'string'], () => INT, invalidArg),
  abs: unaryValidated(NUMERIC, (a) => a, invalidArg),
  ceil: unaryValidated(NUMERIC, () => FLOAT, invalidArg),
  floor: unaryValidated(NUMERIC, () => FLOAT, invalidArg),
  round: unaryValidated(NUMERIC, () => FLOAT, invalidArg),
  int: unaryValidated(['int', 'float', 'string'], () => INT, invalidArg),
  float: unaryValidated(['int', 'float', 'string'], () => FLOAT, invalidArg),
  first: unaryValidated(['array'], (a) => (a.kind === 'array' ? a.elem : UNKNOWN), (_n, t) => `cannot get first element from ${t}`),
  last: unaryValidated(['array'], (a) => (a.kind === 'array' ? a.elem : UNKNOWN), (_n, t) => `cannot get last element from ${t}`),
  keys: unaryValidated(['map'], () => arrayOf(STRING), (_n, t) => `cannot get keys from ${t}`),
  values: unaryValidated(['map'], (a) => arrayOf(a.kind === 'map' ? a.elem : UNKNOWN), (_n, t) => `cannot get values from ${t}`),
  max: aggregate,
  min: aggregate,
  mean: aggregate,
  median: aggregate,
  string: typed([UNKNOWN], STRING),
  type: typed([UNKNOWN], STRING),
  upper: typed([STRING], STRING),
  lower: typed([STRING], STRING),
  trim: typed([STRING], STRING),
  duration: typed([STRING], DURATION),
  now: (c, node, args) => (args.length === 0 ? TIME : c.fail(node, `invalid number of arguments (expected 0, got ${args.length})`)),
};
