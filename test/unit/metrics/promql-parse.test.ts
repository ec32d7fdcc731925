import { describe, expect, it } from 'vitest';
import { PromqlParseError } from '../../../src/metrics/promql/errors.ts';
import { parseQuery } from '../../../src/metrics/promql/parse/parse-query.ts';
import type { Expr } from '../../../src/metrics/promql/syntax-tree.ts';

/** A compact rendering of the tree, to compare shapes: (op lhs rhs), name[range], fn(args). */
function show(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return String(e.value);
    case 'string':
      return JSON.stringify(e.value);
    case 'vectorSelector':
      return `${e.name ?? '{}'}${e.offset ? ` offset ${e.offset}` : ''}${e.at?.kind === 'time' ? ` @${e.at.ms}` : e.at ? ` @${e.at.kind}` : ''}`;
    case 'matrixSelector':
      return `${show(e.selector)}[${e.range}]`;
    case 'subquery':
      return `${show(e.expr)}[${e.range}:${e.step}]${e.offset ? ` offset ${e.offset}` : ''}`;
    case 'call':
      return `${e.func.name}(${e.args.map(show).join(', ')})`;
    case 'aggregate':
      return `${e.op}(${e.param ? `${show(e.param)}, ` : ''}${show(e.expr)})`;
    case 'binary':
      return `(${e.op}${e.returnBool ? ' bool' : ''} ${show(e.lhs)} ${show(e.rhs)})`;
    case 'unary':
      return `(${e.op}${show(e.expr)})`;
    case 'paren':
      return `[${show(e.expr)}]`;
  }
}

function parseError(q: string): PromqlParseError {
  try {
    parseQuery(q);
  } catch (err) {
    if (err instanceof PromqlParseError) return err;
    throw err;
  }
  throw new Error(`${q} parsed`);
}

describe('parseQuery', () => {
  it('closes the gaps of the lezer grammar', () => {
    expect(show(parseQuery('2.'))).toBe('2');
    expect(show(parseQuery('1./6.'))).toBe('(/ 1 6)');
    expect(show(parseQuery('-2 ^ 2'))).toBe('(-(^ 2 2))');
    expect(show(parseQuery('2 ^ -3'))).toBe('(^ 2 (-3))');
    expect(show(parseQuery('min_of(1, 2) + max_of(3, 4)'))).toBe('(+ min_of(1, 2) max_of(3, 4))');
  });

  it('binds offset, @, ranges and subqueries to the operand before them', () => {
    expect(show(parseQuery('a or b offset 5m'))).toBe('(or a b offset 300000)');
    expect(show(parseQuery('a - on(x) b offset 5m * 2'))).toBe('(- a (* b offset 300000 2))');
    expect(show(parseQuery('-a offset 1m'))).toBe('(-a offset 60000)');
    expect(show(parseQuery('rate(x[5m])[10m:1m] offset 1m'))).toBe('rate(x[300000])[600000:60000] offset 60000');
    expect(show(parseQuery('x @ 100.5 + y @ start()'))).toBe('(+ x @100500 y @start)');
    expect(parseError('a or b[5m]').detail).toBe('binary expression must contain only scalar and instant vector types');
  });

  it('follows Prometheus precedence and associativity', () => {
    expect(show(parseQuery('a + b * c ^ d ^ e'))).toBe('(+ a (* b (^ c (^ d e))))');
    expect(show(parseQuery('a or b and c unless d'))).toBe('(or a (unless (and b c) d))');
    expect(show(parseQuery('a > bool b + 1'))).toBe('(> bool a (+ b 1))');
    expect(show(parseQuery('-a * b'))).toBe('(* (-a) b)');
    expect(show(parseQuery('(a + b) * c'))).toBe('(* [(+ a b)] c)');
  });

  it('reads literals, durations and strings the way Prometheus does', () => {
    expect(show(parseQuery('0x1F + 1e3 + Inf + 5m'))).toBe('(+ (+ (+ 31 1000) Infinity) 300)');
    expect(show(parseQuery('foo[1h30m]'))).toBe('foo[5400000]');
    expect(show(parseQuery('"a\\tb" '))).toBe(JSON.stringify('a\tb'));
    expect(show(parseQuery('`raw\\n`'))).toBe(JSON.stringify('raw\\n'));
    const sel = parseQuery('{"my.metric", "a.b"=~"x"}');
    expect(sel.kind === 'vectorSelector' && sel.matchers).toEqual([
      { name: '__name__', type: '=', value: 'my.metric' },
      { name: 'a.b', type: '=~', value: 'x' },
    ]);
  });

  it('never throws anything but PromqlParseError, with a position', () => {
    const cases: [string, string, string][] = [
      ['rate(foo)', '1:6', 'expected type range vector in call to function "rate", got instant vector'],
      ['foo(1)', '1:1', 'unknown function with name "foo"'],
      ['1 > 2', '1:1', 'comparisons between scalars must use BOOL modifier'],
      ['sum(x) + ', '1:10', 'unexpected end of input'],
      ['foo offset 1m offset 2m', '1:1', 'offset may not be set multiple times'],
      ['{a=""}', '1:1', 'vector selector must contain at least one non-empty matcher'],
      ['x{a=~"(."}', '1:6', 'invalid regular expression "(.": missing closing ): `(.`'],
      ['rate(x[5m],)', '1:12', 'trailing commas not allowed in function call args'],
      ['a + b offset 5m >/ 2', '1:17', 'the trim operators </ and >/ work on native histograms, which the embedded engine does not support'],
    ];
    for (const [q, at, detail] of cases) {
      const err = parseError(q);
      expect(err.message, q).toBe(`parse error at ${at}: ${detail}`);
      expect(err.hint, q).toContain(q);
    }
  });

  it('checks arity and argument types', () => {
    expect(parseError('clamp(x, 1)').detail).toBe('expected 3 argument(s) in call to "clamp", got 2');
    expect(parseError('round(x, 1, 2)').detail).toBe('expected at most 2 argument(s) in call to "round", got 3');
    expect(parseError('topk(x, y)').detail).toBe('expected type scalar in aggregation parameter, got instant vector');
    expect(parseError('sum(x[5m])').detail).toBe('expected type instant vector in aggregation expression, got range vector');
    expect(parseError('a + on(x) group_left(x) b').detail).toBe('label "x" must not occur in ON and GROUP clause at once');
  });
});
