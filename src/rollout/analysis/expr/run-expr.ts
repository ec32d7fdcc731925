/**
 * Tree-walking evaluator for a checked expression (the semantics of expr-lang's vm for the
 * supported subset). `&&`/`||` short-circuit, `??` returns the right side for nil, predicates bind
 * `#` to the current element.
 */
import type { ExprNode, NodeOf } from './expr-ast.ts';
import { ExprError } from './expr-error.ts';
import { ENV_FUNCTIONS } from './env-functions.ts';
import type { ExprValue } from './expr-values.ts';
import { runBuiltin } from './run-builtins.ts';
import {
  arithmetic, compareValues, equalValues, fetchValue, inValues, negateValue, sliceValue, toBool,
} from './runtime-ops.ts';

export interface RunScope {
  element: ExprValue;
  vars: Record<string, ExprValue>;
}

export class ExprRunner {
  readonly scopes: RunScope[] = [];
  private readonly lets: { name: string; value: ExprValue }[] = [];

  constructor(
    private readonly variables: Record<string, ExprValue>,
    /** What `isNil`/`default` inspect: the provider's result. */
    private readonly result: ExprValue,
    readonly nowMs: number,
  ) {}

  run(node: ExprNode): ExprValue {
    switch (node.type) {
      case 'nil': return null;
      case 'bool': case 'int': case 'float': case 'string': return node.value;
      case 'identifier': return this.identifier(node);
      case 'pointer': return this.pointer(node);
      case 'unary': return this.unary(node);
      case 'binary': return this.binary(node);
      case 'member': return this.member(node);
      case 'slice':
        return sliceValue(this.run(node.node), node.from && this.run(node.from), node.to && this.run(node.to));
      case 'call': return this.call(node);
      case 'builtin': return runBuiltin(this, node);
      case 'predicate': return this.run(node.node);
      case 'conditional': return toBool(this.run(node.cond)) ? this.run(node.then) : this.run(node.else);
      case 'array': return node.items.map((n) => this.run(n));
      case 'map': return this.map(node);
      case 'let': {
        this.lets.push({ name: node.name, value: this.run(node.value) });
        try {
          return this.run(node.body);
        } finally {
          this.lets.pop();
        }
      }
      case 'sequence': return node.nodes.map((n) => this.run(n)).at(-1) ?? null;
    }
  }

  /** Runs `fn` once per element with `#` bound (the vm's OpBegin/OpEnd loop). */
  withElement<T>(element: ExprValue, vars: Record<string, ExprValue>, fn: () => T): T {
    this.scopes.push({ element, vars });
    try {
      return fn();
    } finally {
      this.scopes.pop();
    }
  }

  private identifier(node: NodeOf<'identifier'>): ExprValue {
    for (let i = this.lets.length - 1; i >= 0; i--) if (this.lets[i].name === node.name) return this.lets[i].value;
    if (node.name in this.variables) return this.variables[node.name];
    throw new ExprError(`unknown name ${node.name}`, node.pos);
  }

  private pointer(node: NodeOf<'pointer'>): ExprValue {
    const scope = this.scopes.at(-1);
    if (!scope) throw new ExprError('cannot use pointer accessor outside predicate', node.pos);
    if (node.name === '') return scope.element;
    return scope.vars[node.name] ?? null;
  }

  private unary(node: NodeOf<'unary'>): ExprValue {
    const v = this.run(node.node);
    if (node.op === '!' || node.op === 'not') return !toBool(v);
    return negateValue(node.op as '-' | '+', v);
  }

  private binary(node: NodeOf<'binary'>): ExprValue {
    const { op } = node;
    if (op === '&&' || op === 'and') return toBool(this.run(node.left)) ? toBool(this.run(node.right)) : false;
    if (op === '||' || op === 'or') return toBool(this.run(node.left)) ? true : toBool(this.run(node.right));
    if (op === '??') {
      const l = this.run(node.left);
      return l === null ? this.run(node.right) : l;
    }
    const l = this.run(node.left);
    const r = this.run(node.right);
    switch (op) {
      case '==': return equalValues(l, r);
      case '!=': return !equalValues(l, r);
      case '<': case '>': case '<=': case '>=': return compareValues(op, l, r);
      case 'in': return inValues(l, r);
      case 'contains': return asString(l, op).includes(asString(r, op));
      case 'startsWith': return asString(l, op).startsWith(asString(r, op));
      case 'endsWith': return asString(l, op).endsWith(asString(r, op));
      case 'matches': return new RegExp(asString(r, op), 'u').test(asString(l, op));
      case '..': return makeRange(l, r);
      default: return arithmetic(op, l, r);
    }
  }

  private member(node: NodeOf<'member'>): ExprValue {
    const base = this.run(node.node);
    if (base === null && node.optional) return null;
    return fetchValue(base, this.run(node.property));
  }

  private call(node: NodeOf<'call'>): ExprValue {
    const fn = ENV_FUNCTIONS[node.callee];
    if (!fn) throw new ExprError(`unknown name ${node.callee}`, node.pos);
    return fn.call(node.args.map((a) => this.run(a)), this.result);
  }

  private map(node: NodeOf<'map'>): ExprValue {
    const out = new Map<string, ExprValue>();
    for (const p of node.pairs) {
      const key = this.run(p.key);
      out.set(typeof key === 'string' ? key : String(key), this.run(p.value));
    }
    return out;
  }
}

function asString(v: ExprValue, op: string): string {
  if (typeof v !== 'string') throw new ExprError(`invalid operation: ${op} on non-string`);
  return v;
}

function makeRange(l: ExprValue, r: ExprValue): ExprValue {
  if (typeof l !== 'bigint' || typeof r !== 'bigint') throw new ExprError('invalid operation: .. needs integers');
  const out: ExprValue[] = [];
  for (let i = l; i <= r; i++) out.push(i);
  return out;
}
