/**
 * Pratt parser for the expr subset, following expr-lang v1.17.8 parser/parser.go: the same
 * precedence table (parser/operator/operator.go), chained comparisons (`a < b < c` is
 * `a < b && b < c`), `not in`, predicates with `#`, ternaries, `??`, slices and negative indexes.
 */
import type { ExprNode } from './expr-ast.ts';
import { ExprError } from './expr-error.ts';
import { BUILTIN_NAMES } from './builtin-names.ts';
import { tokenizeExpr, type Token } from './tokenize-expr.ts';

const BINARY: Record<string, { prec: number; right?: boolean }> = {
  or: { prec: 10 }, '||': { prec: 10 }, and: { prec: 15 }, '&&': { prec: 15 },
  '==': { prec: 20 }, '!=': { prec: 20 }, '<': { prec: 20 }, '>': { prec: 20 }, '>=': { prec: 20 }, '<=': { prec: 20 },
  in: { prec: 20 }, matches: { prec: 20 }, contains: { prec: 20 }, startsWith: { prec: 20 }, endsWith: { prec: 20 },
  '..': { prec: 25 }, '+': { prec: 30 }, '-': { prec: 30 }, '*': { prec: 60 }, '/': { prec: 60 }, '%': { prec: 60 },
  '**': { prec: 100, right: true }, '^': { prec: 100, right: true }, '??': { prec: 500 },
};
const UNARY: Record<string, number> = { not: 50, '!': 50, '-': 90, '+': 90 };
const COMPARISON = new Set(['<', '>', '>=', '<=']);

/** Builtins whose second argument is a predicate (parser.go:predicates). */
const PREDICATE_BUILTINS: Record<string, { args: number; optional?: boolean }> = {
  all: { args: 2 }, none: { args: 2 }, any: { args: 2 }, one: { args: 2 }, filter: { args: 2 }, map: { args: 2 },
  count: { args: 2, optional: true }, sum: { args: 2, optional: true }, find: { args: 2 }, findIndex: { args: 2 },
  findLast: { args: 2 }, findLastIndex: { args: 2 }, groupBy: { args: 2 }, sortBy: { args: 2 }, reduce: { args: 2 },
};

export function parseExpr(source: string): ExprNode {
  return new ExprParser(tokenizeExpr(source)).parseAll();
}

class ExprParser {
  private i = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  parseAll(): ExprNode {
    const node = this.parseSequence();
    if (this.cur.kind !== 'eof') this.fail(`unexpected token ${describe(this.cur)}`);
    return node;
  }

  private get cur(): Token {
    return this.tokens[this.i];
  }

  private next(): Token {
    const t = this.tokens[this.i];
    if (t.kind === 'eof') this.fail('unexpected end of expression');
    this.i++;
    return t;
  }

  private is(kind: Token['kind'], value?: string): boolean {
    return this.cur.kind === kind && (value === undefined || this.cur.value === value);
  }

  private expect(kind: Token['kind'], value?: string): Token {
    if (!this.is(kind, value)) this.fail(`unexpected token ${describe(this.cur)}`);
    return this.next();
  }

  private fail(message: string): never {
    throw new ExprError(message, this.cur.pos);
  }

  private parseSequence(): ExprNode {
    const nodes = [this.parseExpression(0)];
    while (this.is('operator', ';')) {
      this.next();
      if (this.is('eof')) break;
      nodes.push(this.parseExpression(0));
    }
    return nodes.length === 1 ? nodes[0] : { type: 'sequence', nodes, pos: nodes[0].pos };
  }

  private parseExpression(precedence: number): ExprNode {
    if (precedence === 0 && this.is('operator', 'let')) return this.parseLet();
    if (precedence === 0 && this.is('operator', 'if')) this.fail('if/else expressions are not supported by firedrill');
    let left = this.parsePrimary();
    let prevOp = '';
    for (;;) {
      const opToken = this.cur;
      if (opToken.kind !== 'operator') break;
      let op = opToken.value;
      let negate = false;
      if (op === 'not') {
        const after = this.tokens[this.i + 1];
        const info = BINARY[after?.value ?? ''];
        if (after?.kind !== 'operator' || !info || !['in', 'matches', 'contains', 'startsWith', 'endsWith'].includes(after.value)) {
          this.next();
          this.fail(`unexpected token ${describe(this.cur)}`);
        }
        if (info.prec < precedence) break;
        this.next();
        negate = true;
        op = after.value;
      }
      const info = BINARY[op];
      if (!info || info.prec < precedence) break;
      const opPos = this.cur.pos;
      this.next();
      if (prevOp === '??' && op !== '??') {
        throw new ExprError(`Operator (${op}) and coalesce expressions (??) cannot be mixed. Wrap either by parentheses.`, opPos);
      }
      if (COMPARISON.has(op)) {
        left = this.parseComparison(left, op, opPos, info.prec);
      } else {
        const right = this.parseExpression(info.right ? info.prec : info.prec + 1);
        left = { type: 'binary', op, left, right, pos: opPos };
        if (negate) left = { type: 'unary', op: 'not', node: left, pos: opPos };
      }
      prevOp = op;
    }
    if (precedence === 0) left = this.parseConditional(left);
    return left;
  }

  private parseComparison(first: ExprNode, firstOp: string, pos: number, prec: number): ExprNode {
    let root: ExprNode | undefined;
    let left = first;
    let op = firstOp;
    for (;;) {
      const right = this.parseExpression(prec + 1);
      const cmp: ExprNode = { type: 'binary', op, left, right, pos };
      root = root ? { type: 'binary', op: '&&', left: root, right: cmp, pos } : cmp;
      left = right;
      if (!(this.cur.kind === 'operator' && COMPARISON.has(this.cur.value))) break;
      op = this.next().value;
    }
    return root;
  }

  private parseLet(): ExprNode {
    const pos = this.next().pos;
    const name = this.expect('identifier').value;
    this.expect('operator', '=');
    const value = this.parseExpression(0);
    this.expect('operator', ';');
    return { type: 'let', name, value, body: this.parseSequence(), pos };
  }

  private parseConditional(node: ExprNode): ExprNode {
    while (this.is('operator', '?')) {
      const pos = this.next().pos;
      if (this.is('operator', ':')) {
        this.next();
        node = { type: 'conditional', cond: node, then: node, else: this.parseExpression(0), pos };
      } else {
        const then = this.parseExpression(0);
        this.expect('operator', ':');
        node = { type: 'conditional', cond: node, then, else: this.parseExpression(0), pos };
      }
    }
    return node;
  }

  private parsePrimary(): ExprNode {
    const token = this.cur;
    if (token.kind === 'operator' && token.value in UNARY) {
      this.next();
      const node = this.parseExpression(UNARY[token.value]);
      return this.parsePostfix({ type: 'unary', op: token.value, node, pos: token.pos });
    }
    if (this.is('bracket', '(')) {
      this.next();
      const node = this.parseSequence();
      this.expect('bracket', ')');
      return this.parsePostfix(node);
    }
    if (this.depth > 0 && token.kind === 'operator' && (token.value === '#' || token.value === '.')) {
      let name = '';
      if (token.value === '#') {
        this.next();
        if (this.is('identifier')) name = this.next().value;
      }
      return this.parsePostfix({ type: 'pointer', name, pos: token.pos });
    }
    return this.parseSecondary();
  }

  private parseSecondary(): ExprNode {
    const token = this.cur;
    let node: ExprNode;
    if (token.kind === 'identifier') {
      this.next();
      if (token.value === 'true' || token.value === 'false') return { type: 'bool', value: token.value === 'true', pos: token.pos };
      if (token.value === 'nil') return { type: 'nil', pos: token.pos };
      node = this.is('bracket', '(') ? this.parseCall(token) : { type: 'identifier', name: token.value, pos: token.pos };
    } else if (token.kind === 'number') {
      this.next();
      return parseNumberLiteral(token);
    } else if (token.kind === 'string') {
      this.next();
      node = { type: 'string', value: token.value, pos: token.pos };
    } else if (this.is('bracket', '[')) {
      node = this.parseArray();
    } else if (this.is('bracket', '{')) {
      node = this.parseMap();
    } else {
      this.fail(token.kind === 'eof' ? 'unexpected end of expression' : `unexpected token ${describe(token)}`);
    }
    return this.parsePostfix(node);
  }

  private parseCall(token: Token): ExprNode {
    const pred = PREDICATE_BUILTINS[token.value];
    if (pred) {
      this.expect('bracket', '(');
      const args: ExprNode[] = [];
      for (let k = 0; k < pred.args; k++) {
        const optional = k === pred.args - 1 && pred.optional;
        if (this.is('bracket', ')')) {
          if (optional) break;
          this.fail(`expected at least ${pred.args} arguments`);
        }
        if (k > 0) this.expect('operator', ',');
        args.push(k === 0 ? this.parseExpression(0) : this.parsePredicate());
      }
      if (this.is('operator', ',')) this.next();
      this.expect('bracket', ')');
      return { type: 'builtin', name: token.value, args, pos: token.pos };
    }
    const args = this.parseArguments();
    if (BUILTIN_NAMES.has(token.value)) return { type: 'builtin', name: token.value, args, pos: token.pos };
    return { type: 'call', callee: token.value, args, pos: token.pos };
  }

  private parseArguments(): ExprNode[] {
    this.expect('bracket', '(');
    const args: ExprNode[] = [];
    while (!this.is('bracket', ')')) {
      if (args.length > 0) {
        this.expect('operator', ',');
        if (this.is('bracket', ')')) break;
      }
      args.push(this.parseExpression(0));
    }
    this.expect('bracket', ')');
    return args;
  }

  private parsePredicate(): ExprNode {
    const pos = this.cur.pos;
    const braces = this.is('bracket', '{');
    if (braces) this.next();
    this.depth++;
    const node = braces ? this.parseSequence() : this.parseExpression(0);
    if (!braces && this.is('operator', ';')) this.fail('wrap predicate with brackets { and }');
    this.depth--;
    if (braces) this.expect('bracket', '}');
    return { type: 'predicate', node, pos };
  }

  private parseArray(): ExprNode {
    const pos = this.next().pos;
    const items: ExprNode[] = [];
    while (!this.is('bracket', ']')) {
      if (items.length > 0) {
        this.expect('operator', ',');
        if (this.is('bracket', ']')) break;
      }
      items.push(this.parseExpression(0));
    }
    this.expect('bracket', ']');
    return { type: 'array', items, pos };
  }

  private parseMap(): ExprNode {
    const pos = this.next().pos;
    const pairs: { key: ExprNode; value: ExprNode }[] = [];
    while (!this.is('bracket', '}')) {
      if (pairs.length > 0) {
        this.expect('operator', ',');
        if (this.is('bracket', '}')) break;
      }
      let key: ExprNode;
      if (this.is('number') || this.is('string') || this.is('identifier')) {
        const t = this.next();
        key = { type: 'string', value: t.value, pos: t.pos };
      } else if (this.is('bracket', '(')) {
        key = this.parseExpression(0);
      } else {
        this.fail(`a map key must be a quoted string, a number, a identifier, or an expression enclosed in parentheses (unexpected token ${describe(this.cur)})`);
      }
      this.expect('operator', ':');
      pairs.push({ key, value: this.parseExpression(0) });
    }
    this.expect('bracket', '}');
    return { type: 'map', pairs, pos };
  }

  private parsePostfix(node: ExprNode): ExprNode {
    for (;;) {
      const t = this.cur;
      if (t.kind === 'operator' && (t.value === '.' || t.value === '?.')) {
        this.next();
        const optional = t.value === '?.';
        if (optional && this.is('bracket', '[')) {
          node = this.parseIndex(node, true);
          continue;
        }
        const prop = this.next();
        if (prop.kind !== 'identifier' && !(prop.kind === 'operator' && /^[A-Za-z_$]\w*$/.test(prop.value))) {
          throw new ExprError('expected name', prop.pos);
        }
        if (this.is('bracket', '(')) throw new ExprError(`method calls are not supported (${prop.value})`, prop.pos);
        node = { type: 'member', node, property: { type: 'string', value: prop.value, pos: prop.pos }, optional, pos: prop.pos };
      } else if (t.kind === 'bracket' && t.value === '[') {
        node = this.parseIndex(node, false);
      } else {
        return node;
      }
    }
  }

  private parseIndex(node: ExprNode, optional: boolean): ExprNode {
    const pos = this.next().pos;
    if (this.is('operator', ':')) {
      this.next();
      const to = this.is('bracket', ']') ? undefined : this.parseExpression(0);
      this.expect('bracket', ']');
      return { type: 'slice', node, to, pos };
    }
    const from = this.parseExpression(0);
    if (this.is('operator', ':')) {
      this.next();
      const to = this.is('bracket', ']') ? undefined : this.parseExpression(0);
      this.expect('bracket', ']');
      return { type: 'slice', node, from, to, pos };
    }
    this.expect('bracket', ']');
    return { type: 'member', node, property: from, optional, pos };
  }
}

function parseNumberLiteral(token: Token): ExprNode {
  const text = token.value.replace(/_/g, '');
  const lower = text.toLowerCase();
  if (/^0[xob]/.test(lower)) return { type: 'int', value: BigInt(lower), pos: token.pos };
  if (/[.e]/.test(lower)) {
    const value = Number(text);
    if (Number.isNaN(value)) throw new ExprError(`invalid float literal: ${text}`, token.pos);
    return { type: 'float', value, pos: token.pos };
  }
  const value = BigInt(text);
  if (value > 9223372036854775807n) throw new ExprError('integer literal is too large', token.pos);
  return { type: 'int', value, pos: token.pos };
}

/** expr's Token.String(): `Kind("value")`. */
function describe(t: Token): string {
  if (t.kind === 'eof') return 'EOF';
  const kind = { identifier: 'Identifier', number: 'Number', string: 'String', operator: 'Operator', bracket: 'Bracket' }[t.kind];
  return `${kind}("${t.value}")`;
}
