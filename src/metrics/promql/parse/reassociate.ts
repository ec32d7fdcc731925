import type { BinaryExpr, BinaryOp, Expr, PosRange } from '../syntax-tree.ts';
import { childrenOf } from '../syntax-tree.ts';

/**
 * Re-groups chains of binary and unary operators with Prometheus's precedence. Lezer's tree
 * cannot be trusted around postfix modifiers (`a - b offset 5m * 2` comes out as
 * `((a - b) offset 5m) * 2`) and signed literals (`-2 ^ 2`); once the modifiers sit on their
 * operands, each unparenthesised chain is flattened back to its tokens and parsed again:
 *   or < and, unless < comparisons < + - < * / % atan2 < unary minus < ^ (right associative)
 * (unary minus has the precedence of *, so its operand only extends over ^).
 */
type Token = { kind: 'operand'; expr: Expr } | { kind: 'prefix'; op: '-' | '+'; pos: PosRange } | { kind: 'binop'; node: BinaryExpr };

const PRECEDENCE: Record<BinaryOp, number> = {
  or: 1, and: 2, unless: 2,
  '==': 3, '!=': 3, '>': 3, '<': 3, '>=': 3, '<=': 3,
  '+': 4, '-': 4, '*': 5, '/': 5, '%': 5, atan2: 5, '^': 6,
};
const UNARY_OPERAND_MIN = PRECEDENCE['^'];

export function reassociate(expr: Expr): Expr {
  if (expr.kind === 'binary' || expr.kind === 'unary') {
    const tokens: Token[] = [];
    flatten(expr, tokens);
    const parser = new ChainParser(tokens);
    return parser.parse(0);
  }
  replaceChildren(expr);
  return expr;
}

/** Re-associates every child expression in place. */
function replaceChildren(expr: Expr): void {
  switch (expr.kind) {
    case 'paren':
    case 'subquery':
      expr.expr = reassociate(expr.expr);
      return;
    case 'call':
      expr.args = expr.args.map(reassociate);
      return;
    case 'aggregate':
      expr.expr = reassociate(expr.expr);
      if (expr.param) expr.param = reassociate(expr.param);
      return;
    default:
      if (childrenOf(expr).length > 0 && expr.kind !== 'matrixSelector') throw new Error(`internal: unhandled ${expr.kind}`);
  }
}

function flatten(expr: Expr, out: Token[]): void {
  if (expr.kind === 'binary') {
    flatten(expr.lhs, out);
    out.push({ kind: 'binop', node: expr });
    flatten(expr.rhs, out);
  } else if (expr.kind === 'unary') {
    out.push({ kind: 'prefix', op: expr.op, pos: expr.pos });
    flatten(expr.expr, out);
  } else {
    replaceChildren(expr);
    out.push({ kind: 'operand', expr });
  }
}

class ChainParser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  /** Precedence climbing over binary operators of at least `minPrec`. */
  parse(minPrec: number): Expr {
    let lhs = this.primary();
    for (;;) {
      const t = this.tokens[this.i];
      if (!t || t.kind !== 'binop') return lhs;
      const prec = PRECEDENCE[t.node.op];
      if (prec < minPrec) return lhs;
      this.i++;
      const rhs = this.parse(t.node.op === '^' ? prec : prec + 1);
      lhs = { ...t.node, lhs, rhs, pos: { start: lhs.pos.start, end: rhs.pos.end } };
    }
  }

  private primary(): Expr {
    const t = this.tokens[this.i++];
    if (!t) throw new Error('internal: operator chain ends with an operator');
    if (t.kind === 'operand') return t.expr;
    if (t.kind === 'prefix') {
      const operand = this.parse(UNARY_OPERAND_MIN);
      return { kind: 'unary', op: t.op, expr: operand, pos: { start: t.pos.start, end: operand.pos.end } };
    }
    throw new Error('internal: operator chain starts with a binary operator');
  }
}
