/**
 * Static types ("natures") for the expr type checker, a reduced copy of expr-lang's
 * checker/nature/nature.go. Argo compiles each condition with `expr.Env(env)` where `result` is
 * the provider's Go value, so its static type is the value's Go type: float64 for a Prometheus
 * scalar, []float64 for a vector, interface{} elements for JSON from the web provider.
 */
export type Nature =
  | { kind: 'unknown' }
  | { kind: 'nil' }
  | { kind: 'bool' }
  | { kind: 'int' }
  | { kind: 'float' }
  | { kind: 'string' }
  | { kind: 'time' }
  | { kind: 'duration' }
  | { kind: 'array'; elem: Nature }
  | { kind: 'map'; elem: Nature }
  | { kind: 'func'; name: string }
  /** A predicate body's result, standing for `func(any) out` (checker.go:predicateNode). */
  | { kind: 'predicate'; out: Nature };

export const UNKNOWN: Nature = { kind: 'unknown' };
export const NIL: Nature = { kind: 'nil' };
export const BOOL: Nature = { kind: 'bool' };
export const INT: Nature = { kind: 'int' };
export const FLOAT: Nature = { kind: 'float' };
export const STRING: Nature = { kind: 'string' };
export const TIME: Nature = { kind: 'time' };
export const DURATION: Nature = { kind: 'duration' };

export function arrayOf(elem: Nature): Nature {
  return { kind: 'array', elem };
}

export function mapOf(elem: Nature): Nature {
  return { kind: 'map', elem };
}

export function isUnknown(n: Nature): boolean {
  return n.kind === 'unknown';
}

export function isNumber(n: Nature): boolean {
  return n.kind === 'int' || n.kind === 'float';
}

/** Go's spelling of the type, as it appears in expr's error messages. */
export function natureToString(n: Nature): string {
  switch (n.kind) {
    case 'unknown': return 'interface {}';
    case 'nil': return 'nil';
    case 'float': return 'float64';
    case 'time': return 'time.Time';
    case 'duration': return 'time.Duration';
    case 'array': return `[]${natureToString(n.elem)}`;
    case 'map': return `map[string]${natureToString(n.elem)}`;
    case 'func': return `func(...)`;
    case 'predicate': return `func(interface {}) ${natureToString(n.out)}`;
    default: return n.kind;
  }
}

/** nature.go:AssignableTo, without Go's named types. An unknown side is never assignable. */
export function isAssignable(from: Nature, to: Nature): boolean {
  if (from.kind === 'nil') return to.kind === 'array' || to.kind === 'map' || to.kind === 'func';
  if (from.kind === 'unknown' || to.kind === 'unknown') return false;
  return natureToString(from) === natureToString(to);
}

/** nature.go:ComparableTo: what `==` accepts at compile time. */
export function isComparable(l: Nature, r: Nature): boolean {
  return (
    isUnknown(l) || isUnknown(r) || l.kind === 'nil' || r.kind === 'nil' ||
    (isNumber(l) && isNumber(r)) || (l.kind === 'time' && r.kind === 'time') ||
    (l.kind === 'duration' && r.kind === 'duration') || (l.kind === 'array' && r.kind === 'array') ||
    isAssignable(l, r)
  );
}

export type NatureCheck = 'number' | 'integer' | 'string' | 'bool' | 'time' | 'duration' | 'array' | 'map';

/** nature.go:IsAnyOf with its NatureCheck kinds. */
export function isAnyOf(n: Nature, checks: NatureCheck[]): boolean {
  return checks.some((c) => {
    if (c === 'number') return isNumber(n);
    if (c === 'integer') return n.kind === 'int';
    return n.kind === c;
  });
}

/** nature.go:MaybeCompatible: one side unknown and the other of an allowed kind (or both unknown). */
export function isMaybeCompatible(l: Nature, r: Nature, checks: NatureCheck[]): boolean {
  const lu = isUnknown(l);
  const ru = isUnknown(r);
  return (lu && ru) || (lu && isAnyOf(r, checks)) || (ru && isAnyOf(l, checks));
}

/** nature.go:PromoteNumericNature. */
export function promoteNumeric(l: Nature, r: Nature): Nature {
  if (isUnknown(l) || isUnknown(r)) return UNKNOWN;
  return l.kind === 'float' || r.kind === 'float' ? FLOAT : INT;
}
