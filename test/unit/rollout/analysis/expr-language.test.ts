import { describe, expect, it } from 'vitest';
import { bindFloat, bindFloats, bindJson, bindString } from '../../../../src/rollout/analysis/expr/bound-result.ts';
import { evaluateCondition, evaluateTime, ExprError } from '../../../../src/rollout/analysis/expr/evaluate-condition.ts';

const scalar = (v: number) => bindFloat(v);
const vector = (...v: number[]) => bindFloats(v);

function errorOf(expr: string, result = scalar(1)): string {
  try {
    evaluateCondition(expr, result);
  } catch (err) {
    expect(err).toBeInstanceOf(ExprError);
    return (err as Error).message;
  }
  throw new Error(`expected ${expr} to fail`);
}

describe('expr conditions: NaN and infinities (SEMANTICS §2.3)', () => {
  it('every ordered comparison with NaN is false, and NaN != NaN', () => {
    for (const e of ['result < 1', 'result > 1', 'result <= 1', 'result >= 1', 'result == result']) {
      expect(evaluateCondition(e, scalar(NaN))).toBe(false);
    }
    expect(evaluateCondition('result != result', scalar(NaN))).toBe(true);
  });

  it('isNaN / isInf take a float; +Inf beats every finite number', () => {
    expect(evaluateCondition('isNaN(result)', scalar(NaN))).toBe(true);
    expect(evaluateCondition('isInf(result) && result > 1e300', scalar(Infinity))).toBe(true);
    expect(evaluateCondition('isInf(result) && result < 0', scalar(-Infinity))).toBe(true);
    expect(evaluateCondition('isNaN(result[0])', vector(NaN))).toBe(true);
    expect(evaluateCondition('isNaN(1)', scalar(0))).toBe(false);
  });

  it('isNaN on a vector is a compile-time type error', () => {
    expect(errorOf('isNaN(result)', vector(NaN))).toBe('cannot use []float64 as argument (type float64) to call isNaN ');
  });

  it('there is no NaN literal', () => {
    expect(errorOf('result == NaN')).toBe('unknown name NaN');
  });
});

describe('expr conditions: empty results', () => {
  it('indexing an empty vector is a runtime error', () => {
    expect(errorOf('result[0] > 1', vector())).toBe('index out of range: 0 (array length is 0)');
  });

  it('a len() guard short-circuits the index', () => {
    expect(evaluateCondition('len(result) == 0 || result[0] >= 0.95', vector())).toBe(true);
    expect(evaluateCondition('len(result) > 0 && result[0] >= 0.95', vector())).toBe(false);
  });

  it('all() over nothing is true, any() false, count/sum 0, first nil', () => {
    expect(evaluateCondition('all(result, # < 1)', vector())).toBe(true);
    expect(evaluateCondition('any(result, # < 1)', vector())).toBe(false);
    expect(evaluateCondition('none(result, # < 1)', vector())).toBe(true);
    expect(evaluateCondition('count(result, # > 0) == 0 && sum(result) == 0', vector())).toBe(true);
    expect(evaluateCondition('first(result) == nil && last(result) == nil', vector())).toBe(true);
    expect(evaluateCondition('mean(result) == 0 && median(result) == 0', vector())).toBe(true);
  });

  it('an empty vector is not nil', () => {
    expect(evaluateCondition('result == nil', vector())).toBe(false);
    expect(evaluateCondition('isNil(result)', vector())).toBe(false);
    expect(evaluateCondition('isNil(result)', bindJson(null))).toBe(true);
    expect(evaluateCondition('default(result, 5) == 5', bindJson(null))).toBe(true);
  });
});

describe('expr conditions: type errors are compile errors', () => {
  it('comparing a vector with a number fails even when short-circuit would skip it', () => {
    expect(errorOf('result >= 0.9', vector(1))).toBe('invalid operation: >= (mismatched types []float64 and float64)');
    expect(errorOf('true || result >= 1', vector(1))).toBe('invalid operation: >= (mismatched types []float64 and int)');
  });

  it('unknown names, non-bool results, bad operands', () => {
    expect(errorOf('a == true')).toBe('unknown name a');
    expect(errorOf('"1"')).toBe('expected bool, but got string');
    expect(errorOf('result + 1')).toBe('expected bool, but got float64');
    expect(errorOf('result && true')).toBe('invalid operation: && (mismatched types float64 and bool)');
    expect(errorOf('"a" < 1')).toBe('invalid operation: < (mismatched types string and int)');
    expect(errorOf('result % 2 == 0')).toBe('invalid operation: % (mismatched types float64 and int)');
    expect(errorOf('len(result) > 0')).toBe('invalid argument for len (type float64)');
    expect(errorOf('result.x == 1')).toBe('type float64 has no field x');
  });

  it('unsupported builtins are named, never silently accepted', () => {
    expect(errorOf('sortBy(result, #) == result', vector(1))).toMatch(/builtin sortBy is not supported by firedrill/);
  });

  it('values of unknown static type fail at run time instead', () => {
    const body = bindJson({ n: 'x' });
    expect(errorOf('result.n > 1', body)).toBe('invalid operation: string > int');
    expect(errorOf('asInt(result.n) > 1', body)).toBe('strconv.ParseInt: parsing "x": invalid syntax');
  });
});

describe('expr conditions: precedence and operators', () => {
  it('arithmetic binds tighter than comparison, && tighter than ||', () => {
    expect(evaluateCondition('1 + 2 * 3 == 7', scalar(0))).toBe(true);
    expect(evaluateCondition('true || false && false', scalar(0))).toBe(true);
    expect(evaluateCondition('(true || false) && false', scalar(0))).toBe(false);
    expect(evaluateCondition('not false and true', scalar(0))).toBe(true);
    expect(evaluateCondition('!true == false', scalar(0))).toBe(true);
  });

  it('** is right-associative and binds tighter than unary minus', () => {
    expect(evaluateCondition('2 ** 3 ** 2 == 512', scalar(0))).toBe(true);
    expect(evaluateCondition('-2 ** 2 == -4', scalar(0))).toBe(true);
  });

  it('int and float mix like Go: / is always float, % needs ints', () => {
    expect(evaluateCondition('10 / 4 == 2.5 && 7 % 3 == 1', scalar(0))).toBe(true);
    expect(evaluateCondition('result == 10', scalar(10))).toBe(true);
  });

  it('chained comparisons, in / not in, ternary, ??, strings', () => {
    expect(evaluateCondition('0 < result < 1', scalar(0.5))).toBe(true);
    expect(evaluateCondition('10 in result && 12 not in result', vector(10, 11))).toBe(true);
    expect(evaluateCondition('(result > 1 ? "big" : "small") == "small"', scalar(0.5))).toBe(true);
    expect(evaluateCondition('(nil ?? 3) == 3', scalar(0))).toBe(true);
    expect(evaluateCondition('result startsWith "ok" && result contains "k!" && result matches "^o.+!$"', bindString('ok!'))).toBe(true);
  });

  it('negative indexes, slices, predicates with # and braces', () => {
    expect(evaluateCondition('result[-1] == 3 && len(result[1:]) == 2 && result[:1][0] == 1', vector(1, 2, 3))).toBe(true);
    expect(evaluateCondition('all(result, {# < 1000}) && any(result, # == 2) && one(result, # > 2)', vector(1, 2, 3))).toBe(true);
    expect(evaluateCondition('filter(result, # > 1) == [2.0, 3.0]', vector(1, 2, 3))).toBe(true);
    // reflect.DeepEqual: a []float64 never equals an []interface {} literal.
    expect(evaluateCondition('result == [1.0]', vector(1))).toBe(false);
    expect(evaluateCondition('result[0:1] == result', vector(1))).toBe(true);
    expect(evaluateCondition('len(filter(result, # > 1)) == 2 && map(result, # * 2)[2] == 6', vector(1, 2, 3))).toBe(true);
    expect(evaluateCondition('max(result) == 3 && min(result) == 1 && abs(-2) == 2 && ceil(1.2) == 2', vector(1, 2, 3))).toBe(true);
  });

  it('JSON results from the web provider: maps, member access, strings', () => {
    const body = bindJson({ data: { ok: true, items: [{ v: 1 }, { v: 5 }] } });
    expect(evaluateCondition('result.data.ok == true && result.data.items[1].v == 5', body)).toBe(true);
    expect(evaluateCondition('all(result.data.items, .v > 0)', body)).toBe(true);
    expect(evaluateCondition("result == 'true'", bindJson('true'))).toBe(true);
    expect(evaluateCondition('asFloat(result) > 0.5', bindJson('0.75'))).toBe(true);
  });

  it('syntax errors carry expr-lang wording', () => {
    expect(errorOf('result >')).toBe('unexpected end of expression');
    expect(errorOf('result ) 1')).toBe('unexpected token Bracket(")")');
  });
});

describe('range-query bounds', () => {
  it('evaluates now() - duration() to clock ms', () => {
    expect(evaluateTime('now() - duration("5m")', 600_000)).toBe(300_000);
    expect(() => evaluateTime('1', 0)).toThrow('expected time.Time, but got int');
  });
});
