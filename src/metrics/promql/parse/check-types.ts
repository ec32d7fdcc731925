import type { Expr, PosRange, ValueType } from '../syntax-tree.ts';
import { COMPARISON_OPS, SET_OPS, documentedType, typeOf } from '../syntax-tree.ts';
import { BuildError } from './lezer-node.ts';

/**
 * Prometheus's checkAST: type rules of PromQL, with its error messages. Also normalises binary
 * expressions the way its parser does (vector matching only kept between two instant vectors).
 */
export function checkTypes(expr: Expr): void {
  switch (expr.kind) {
    case 'aggregate':
      expectType(expr.expr, 'vector', 'aggregation expression');
      if (expr.param) {
        expectType(expr.param, expr.op === 'count_values' ? 'string' : 'scalar', 'aggregation parameter');
      }
      return;
    case 'binary':
      return checkBinary(expr);
    case 'call':
      return checkCall(expr);
    case 'paren':
      return checkTypes(expr.expr);
    case 'unary': {
      checkTypes(expr.expr);
      const t = typeOf(expr.expr);
      if (t !== 'scalar' && t !== 'vector') {
        fail(expr.pos, `unary expression only allowed on expressions of type scalar or instant vector, got "${documentedType(t)}"`);
      }
      return;
    }
    case 'subquery':
      checkTypes(expr.expr);
      if (typeOf(expr.expr) !== 'vector') {
        fail(expr.pos, `subquery is only allowed on instant vector, got ${typeOf(expr.expr)} instead`);
      }
      return;
    case 'matrixSelector':
      return checkTypes(expr.selector);
    default:
      return;
  }
}

function expectType(expr: Expr, want: ValueType, context: string): void {
  checkTypes(expr);
  const got = typeOf(expr);
  if (got !== want) fail(expr.pos, `expected type ${documentedType(want)} in ${context}, got ${documentedType(got)}`);
}

function checkBinary(expr: Extract<Expr, { kind: 'binary' }>): void {
  checkTypes(expr.lhs);
  checkTypes(expr.rhs);
  const lt = typeOf(expr.lhs);
  const rt = typeOf(expr.rhs);
  const m = expr.matching;
  if (COMPARISON_OPS.has(expr.op) && !expr.returnBool && lt === 'scalar' && rt === 'scalar') {
    fail(expr.pos, 'comparisons between scalars must use BOOL modifier');
  }
  if (m && m.on) {
    const both = m.matchingLabels.find((l) => m.include.includes(l));
    if (both !== undefined) fail(expr.pos, `label "${both}" must not occur in ON and GROUP clause at once`);
  }
  if (lt !== 'scalar' && lt !== 'vector') fail(expr.lhs.pos, 'binary expression must contain only scalar and instant vector types');
  if (rt !== 'scalar' && rt !== 'vector') fail(expr.rhs.pos, 'binary expression must contain only scalar and instant vector types');
  if ((lt !== 'vector' || rt !== 'vector') && m) {
    if (m.matchingLabels.length > 0) fail(expr.pos, 'vector matching only allowed between instant vectors');
    if (m.fill.lhs !== undefined || m.fill.rhs !== undefined) {
      fail(expr.pos, 'filling in missing series only allowed between instant vectors');
    }
    expr.matching = undefined;
  } else if (SET_OPS.has(expr.op) && m) {
    if (m.card === 'one-to-many' || m.card === 'many-to-one') fail(expr.pos, `no grouping allowed for "${expr.op}" operation`);
    if (m.fill.lhs !== undefined || m.fill.rhs !== undefined) fail(expr.pos, 'filling in missing series not allowed for set operators');
  }
  if ((lt === 'scalar' || rt === 'scalar') && SET_OPS.has(expr.op)) {
    fail(expr.pos, `set operator "${expr.op}" not allowed in binary scalar expression`);
  }
}

function checkCall(expr: Extract<Expr, { kind: 'call' }>): void {
  const { func, args } = expr;
  const nargs = func.argTypes.length;
  if (func.variadic === 0) {
    if (nargs !== args.length) fail(expr.pos, `expected ${nargs} argument(s) in call to "${func.name}", got ${args.length}`);
  } else {
    const min = nargs - 1;
    if (min > args.length) {
      fail(expr.pos, `expected at least ${min} argument(s) in call to "${func.name}", got ${args.length}`);
    } else if (func.variadic > 0 && min + func.variadic < args.length) {
      fail(expr.pos, `expected at most ${min + func.variadic} argument(s) in call to "${func.name}", got ${args.length}`);
    }
  }
  args.forEach((arg, i) => {
    checkTypes(arg);
    const want = func.argTypes[Math.min(i, nargs - 1)];
    const got = typeOf(arg);
    if (got !== want) {
      fail(arg.pos, `expected type ${documentedType(want)} in call to function "${func.name}", got ${documentedType(got)}`);
    }
  });
}

function fail(pos: PosRange, message: string): never {
  throw new BuildError(pos, message);
}
