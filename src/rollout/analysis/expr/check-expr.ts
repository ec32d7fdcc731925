/**
 * Compile-time type check, after expr-lang v1.17.8 checker/checker.go. Argo compiles every
 * condition against the actual result value (`expr.Env(env)`, strict), so comparing a vector with
 * a number (`result >= 0.9` on []float64) or `isNaN(result)` on a vector fails here, before any
 * short-circuit could skip it: the measurement is Error (SEMANTICS §2.2).
 */
import type { ExprNode, NodeOf } from './expr-ast.ts';
import { ExprError } from './expr-error.ts';
import { checkBuiltin } from './check-builtins.ts';
import { ENV_FUNCTIONS } from './env-functions.ts';
import {
  BOOL, FLOAT, INT, NIL, STRING, UNKNOWN, arrayOf, isAnyOf, isAssignable, isComparable, isMaybeCompatible,
  isNumber, isUnknown, mapOf, natureToString, promoteNumeric, type Nature,
} from './nature.ts';

export interface CheckScope {
  collection: Nature;
  vars: Record<string, Nature>;
}

export class ExprChecker {
  readonly predicateScopes: CheckScope[] = [];
  private readonly letScopes: { name: string; nature: Nature }[] = [];

  constructor(private readonly variables: Record<string, Nature>) {}

  fail(node: { pos: number }, message: string): never {
    throw new ExprError(message, node.pos);
  }

  visit(node: ExprNode): Nature {
    switch (node.type) {
      case 'nil': return NIL;
      case 'bool': return BOOL;
      case 'int': return INT;
      case 'float': return FLOAT;
      case 'string': return STRING;
      case 'identifier': return this.identifier(node);
      case 'pointer': return this.pointer(node);
      case 'unary': return this.unary(node);
      case 'binary': return this.binary(node);
      case 'member': return this.member(node);
      case 'slice': return this.slice(node);
      case 'call': return this.call(node);
      case 'builtin': return checkBuiltin(this, node);
      case 'predicate': return { kind: 'predicate', out: this.visit(node.node) };
      case 'conditional': return this.conditional(node);
      case 'array': return this.array(node);
      case 'map':
        for (const p of node.pairs) {
          this.visit(p.key);
          this.visit(p.value);
        }
        return mapOf(UNKNOWN);
      case 'let': return this.letNode(node);
      case 'sequence': return node.nodes.map((n) => this.visit(n)).at(-1) ?? UNKNOWN;
    }
  }

  private identifier(node: NodeOf<'identifier'>): Nature {
    for (let i = this.letScopes.length - 1; i >= 0; i--) {
      if (this.letScopes[i].name === node.name) return this.letScopes[i].nature;
    }
    if (node.name in this.variables) return this.variables[node.name];
    if (node.name in ENV_FUNCTIONS) return { kind: 'func', name: node.name };
    return this.fail(node, `unknown name ${node.name}`);
  }

  private pointer(node: NodeOf<'pointer'>): Nature {
    const scope = this.predicateScopes.at(-1);
    if (!scope) return this.fail(node, 'cannot use pointer accessor outside predicate');
    if (node.name === '') {
      if (isUnknown(scope.collection)) return UNKNOWN;
      if (scope.collection.kind === 'array') return scope.collection.elem;
      return this.fail(node, `cannot use ${natureToString(scope.collection)} as array`);
    }
    if (node.name in scope.vars) return scope.vars[node.name];
    return this.fail(node, `unknown pointer #${node.name}`);
  }

  private unary(node: NodeOf<'unary'>): Nature {
    const n = this.visit(node.node);
    if (node.op === '!' || node.op === 'not') {
      if (n.kind === 'bool' || isUnknown(n)) return BOOL;
    } else {
      if (isNumber(n)) return n;
      if (isUnknown(n)) return UNKNOWN;
    }
    return this.fail(node, `invalid operation: ${node.op} (mismatched type ${natureToString(n)})`);
  }

  private binary(node: NodeOf<'binary'>): Nature {
    const l = this.visit(node.left);
    const r = this.visit(node.right);
    const out = checkBinary(node.op, l, r);
    if (out === 'error') {
      return this.fail(node, `invalid operation: ${node.op} (mismatched types ${natureToString(l)} and ${natureToString(r)})`);
    }
    if (typeof out === 'string') return this.fail(node, out);
    return out;
  }

  private member(node: NodeOf<'member'>): Nature {
    const base = this.visit(node.node);
    const prop = this.visit(node.property);
    if (isUnknown(base)) return UNKNOWN;
    const name = node.property.type === 'string' ? node.property.value : undefined;
    if (base.kind === 'nil' && name !== undefined) return this.fail(node, `type nil has no field ${name}`);
    if (base.kind === 'map') {
      if (prop.kind !== 'string' && !isUnknown(prop)) {
        return this.fail(node.property, `cannot use ${natureToString(prop)} to get an element from ${natureToString(base)}`);
      }
      return base.elem;
    }
    if (base.kind === 'array') {
      if (prop.kind !== 'int' && !isUnknown(prop)) {
        return this.fail(node.property, `array elements can only be selected using an integer (got ${natureToString(prop)})`);
      }
      return base.elem;
    }
    if (name !== undefined) return this.fail(node, `type ${natureToString(base)} has no field ${name}`);
    return this.fail(node, `type ${natureToString(base)}[${natureToString(prop)}] is undefined`);
  }

  private slice(node: NodeOf<'slice'>): Nature {
    const n = this.visit(node.node);
    if (isUnknown(n)) return UNKNOWN;
    if (n.kind !== 'string' && n.kind !== 'array') return this.fail(node, `cannot slice ${natureToString(n)}`);
    for (const bound of [node.from, node.to]) {
      if (!bound) continue;
      const b = this.visit(bound);
      if (b.kind !== 'int' && !isUnknown(b)) return this.fail(bound, `non-integer slice index ${natureToString(b)}`);
    }
    return n;
  }

  private call(node: NodeOf<'call'>): Nature {
    const callee = this.identifier({ type: 'identifier', name: node.callee, pos: node.pos });
    if (isUnknown(callee)) return UNKNOWN;
    if (callee.kind !== 'func') {
      if (callee.kind === 'nil') return this.fail(node, `${node.callee} is nil; cannot call nil as function`);
      return this.fail(node, `${natureToString(callee)} is not callable`);
    }
    const fn = ENV_FUNCTIONS[callee.name];
    return this.checkArguments(node.callee, fn.params, fn.out, node.args, node);
  }

  /** checker.go:checkArguments, for functions with a fixed Go signature. */
  checkArguments(name: string, params: Nature[], out: Nature, args: ExprNode[], node: { pos: number }): Nature {
    if (args.length !== params.length) {
      args.forEach((a) => this.visit(a));
      const which = args.length > params.length ? 'too many' : 'not enough';
      return this.fail(node, `${which} arguments to call ${name}`);
    }
    args.forEach((arg, i) => {
      const a = this.visit(arg);
      const p = params[i];
      if (p.kind === 'float' && a.kind === 'int') return;
      if (a.kind === 'nil') {
        if (isUnknown(p)) return;
        this.fail(arg, `cannot use nil as argument (type ${natureToString(p)}) to call ${name}`);
      }
      if (isUnknown(p) || isUnknown(a) || isAssignable(a, p)) return;
      // The trailing space is in expr's message too.
      this.fail(arg, `cannot use ${natureToString(a)} as argument (type ${natureToString(p)}) to call ${name} `);
    });
    return out;
  }

  private conditional(node: NodeOf<'conditional'>): Nature {
    const c = this.visit(node.cond);
    if (c.kind !== 'bool' && !isUnknown(c)) {
      return this.fail(node.cond, `non-bool expression (type ${natureToString(c)}) used as condition`);
    }
    const t1 = this.visit(node.then);
    const t2 = this.visit(node.else);
    if (t1.kind === 'nil') return t2;
    if (t2.kind === 'nil') return t1;
    if (isAssignable(t1, t2)) return t1;
    return UNKNOWN;
  }

  private array(node: NodeOf<'array'>): Nature {
    const natures = node.items.map((n) => this.visit(n));
    if (natures.length === 0) return arrayOf(UNKNOWN);
    const same = natures.every((n) => n.kind === natures[0].kind);
    return arrayOf(same ? natures[natures.length - 1] : UNKNOWN);
  }

  private letNode(node: NodeOf<'let'>): Nature {
    if (node.name in this.variables || node.name in ENV_FUNCTIONS) return this.fail(node, `cannot redeclare ${node.name}`);
    this.letScopes.push({ name: node.name, nature: this.visit(node.value) });
    const out = this.visit(node.body);
    this.letScopes.pop();
    return out;
  }
}

/** checker.go:binaryNode's table: a result nature, 'error' for a mismatch, or a specific message. */
function checkBinary(op: string, l: Nature, r: Nature): Nature | 'error' | string {
  switch (op) {
    case '==':
    case '!=':
      return isComparable(l, r) ? BOOL : 'error';
    case 'or': case '||': case 'and': case '&&':
      return (l.kind === 'bool' && r.kind === 'bool') || isMaybeCompatible(l, r, ['bool']) ? BOOL : 'error';
    case '<': case '>': case '>=': case '<=':
      if ((isNumber(l) && isNumber(r)) || (l.kind === r.kind && ['string', 'time', 'duration'].includes(l.kind))) return BOOL;
      return isMaybeCompatible(l, r, ['number', 'string', 'time', 'duration']) ? BOOL : 'error';
    case '-':
      if (isNumber(l) && isNumber(r)) return promoteNumeric(l, r);
      if (l.kind === 'time' && r.kind === 'time') return { kind: 'duration' };
      if (l.kind === 'time' && r.kind === 'duration') return { kind: 'time' };
      if (l.kind === 'duration' && r.kind === 'duration') return { kind: 'duration' };
      return isMaybeCompatible(l, r, ['number', 'time', 'duration']) ? UNKNOWN : 'error';
    case '+':
      if (isNumber(l) && isNumber(r)) return promoteNumeric(l, r);
      if (l.kind === 'string' && r.kind === 'string') return STRING;
      if ((l.kind === 'time' && r.kind === 'duration') || (l.kind === 'duration' && r.kind === 'time')) return { kind: 'time' };
      if (l.kind === 'duration' && r.kind === 'duration') return { kind: 'duration' };
      return isMaybeCompatible(l, r, ['number', 'string', 'time', 'duration']) ? UNKNOWN : 'error';
    case '*':
      if (isNumber(l) && isNumber(r)) return promoteNumeric(l, r);
      return isMaybeCompatible(l, r, ['number', 'duration']) ? UNKNOWN : 'error';
    case '/': case '**': case '^':
      return (isNumber(l) && isNumber(r)) || isMaybeCompatible(l, r, ['number']) ? FLOAT : 'error';
    case '%':
      return (l.kind === 'int' && r.kind === 'int') || isMaybeCompatible(l, r, ['integer']) ? INT : 'error';
    case 'in': return checkIn(l, r);
    case 'matches': case 'contains': case 'startsWith': case 'endsWith':
      return (l.kind === 'string' && r.kind === 'string') || isMaybeCompatible(l, r, ['string']) ? BOOL : 'error';
    case '..':
      return (l.kind === 'int' && r.kind === 'int') || isMaybeCompatible(l, r, ['integer']) ? arrayOf(INT) : 'error';
    case '??':
      if (l.kind === 'nil') return r;
      if (r.kind === 'nil') return l;
      return isAssignable(r, l) ? l : UNKNOWN;
  }
  return `unknown operator (${op})`;
}

function checkIn(l: Nature, r: Nature): Nature | 'error' | string {
  if (r.kind === 'map') {
    if (!isUnknown(l) && l.kind !== 'string') return `cannot use ${natureToString(l)} as type string in map key`;
    return BOOL;
  }
  if (r.kind === 'array') {
    if (!isComparable(l, r.elem)) return `cannot use ${natureToString(l)} as type ${natureToString(r.elem)} in array`;
    return BOOL;
  }
  if (isUnknown(l) && isAnyOf(r, ['string', 'array', 'map'])) return BOOL;
  if (isUnknown(r)) return BOOL;
  return 'error';
}
