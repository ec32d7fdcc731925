import type { Labels } from '../../labels.ts';
import { PromqlEvalError } from '../errors.ts';
import type { BinaryOp, VectorMatching } from '../syntax-tree.ts';
import { COMPARISON_OPS } from '../syntax-tree.ts';
import { goPow } from './go-pow.ts';
import { dropMetricName, keepLabels, labelsKey, signatureIgnoring, signatureOn, withoutLabels } from './label-ops.ts';
import type { Sample } from './values.ts';

/** Binary operators between scalars and instant vectors, ported from Prometheus's engine.go. */

/** Arithmetic ops change what the value means, so the result is no longer that metric. */
const CHANGES_SCHEMA = new Set<BinaryOp>(['+', '-', '*', '/', '%', '^', 'atan2']);

/** Go's math.Mod: the sign follows the dividend, like JS's %. */
export function applyOp(op: BinaryOp, l: number, r: number): number {
  switch (op) {
    case '+': return l + r;
    case '-': return l - r;
    case '*': return l * r;
    case '/': return l / r;
    case '%': return l % r;
    case '^': return goPow(l, r);
    case 'atan2': return Math.atan2(l, r);
    case '==': return l === r ? 1 : 0;
    case '!=': return l !== r ? 1 : 0;
    case '>': return l > r ? 1 : 0;
    case '<': return l < r ? 1 : 0;
    case '>=': return l >= r ? 1 : 0;
    case '<=': return l <= r ? 1 : 0;
    default: throw new Error(`internal: operator ${op} on scalars`);
  }
}

/** One element pair: [value, keep]; comparisons keep the left value when true. */
function elemOp(op: BinaryOp, l: number, r: number): [number, boolean] {
  if (COMPARISON_OPS.has(op)) return [l, applyOp(op, l, r) === 1];
  return [applyOp(op, l, r), true];
}

export function vectorScalarOp(op: BinaryOp, vec: Sample[], s: number, swap: boolean, returnBool: boolean): Sample[] {
  const out: Sample[] = [];
  for (const el of vec) {
    const [l, r] = swap ? [s, el.f] : [el.f, s];
    let [value, keep] = elemOp(op, l, r);
    // A comparison keeps the vector element's value, also when the scalar is on the left.
    if (COMPARISON_OPS.has(op) && swap) value = r;
    if (returnBool) {
      value = keep ? 1 : 0;
      keep = true;
    }
    if (!keep) continue;
    const dropName = CHANGES_SCHEMA.has(op) || returnBool ? true : el.dropName;
    out.push({ ...el, f: value, dropName });
  }
  return out;
}

function signatureFn(m: VectorMatching): (l: Labels) => string {
  if (m.on) {
    const names = [...m.matchingLabels].sort();
    return (l) => signatureOn(l, names);
  }
  const names = new Set(m.matchingLabels);
  return (l) => signatureIgnoring(l, names);
}

export function setOp(op: 'and' | 'or' | 'unless', lhs: Sample[], rhs: Sample[], m: VectorMatching): Sample[] {
  const sig = signatureFn(m);
  if (op === 'and') {
    if (lhs.length === 0 || rhs.length === 0) return [];
    const right = new Set(rhs.map((s) => sig(s.metric)));
    return lhs.filter((s) => right.has(sig(s.metric)));
  }
  if (op === 'or') {
    if (lhs.length === 0) return [...rhs];
    if (rhs.length === 0) return [...lhs];
    const left = new Set(lhs.map((s) => sig(s.metric)));
    return [...lhs, ...rhs.filter((s) => !left.has(sig(s.metric)))];
  }
  if (lhs.length === 0 || rhs.length === 0) return [...lhs];
  const right = new Set(rhs.map((s) => sig(s.metric)));
  return lhs.filter((s) => !right.has(sig(s.metric)));
}

/** Arithmetic and comparisons between two instant vectors, with on/ignoring/group_x/fill. */
export function vectorVectorOp(op: BinaryOp, lhsIn: Sample[], rhsIn: Sample[], m: VectorMatching, returnBool: boolean): Sample[] {
  const noFill = m.fill.lhs === undefined && m.fill.rhs === undefined;
  if ((lhsIn.length === 0 && rhsIn.length === 0) || ((lhsIn.length === 0 || rhsIn.length === 0) && noFill)) return [];
  const sig = signatureFn(m);
  const swapped = m.card === 'one-to-many';
  // For one-to-many, sides are swapped so that the right side is always the "one" side.
  const [lhs, rhs] = swapped ? [rhsIn, lhsIn] : [lhsIn, rhsIn];
  // Fill values are not swapped with the sides (as in Prometheus): fill_right fills the
  // (swapped) right side, fill_left the (swapped) left side.
  const [fillForRight, fillForLeft] = [m.fill.rhs, m.fill.lhs];
  const rightBySig = new Map<string, Sample>();
  for (const rs of rhs) {
    const s = sig(rs.metric);
    const dup = rightBySig.get(s);
    if (dup) throw duplicateError(rs, dup, m, swapped ? 'left' : 'right');
    rightBySig.set(s, rs);
  }
  const matchedOne = new Set<string>();
  const matchedMany = new Map<string, Set<string>>();
  const out: Sample[] = [];
  const apply = (ls: Sample, rs: Sample, s: string): void => {
    const [fl, fr] = swapped ? [rs.f, ls.f] : [ls.f, rs.f];
    let [value, keep] = elemOp(op, fl, fr);
    if (returnBool) value = keep ? 1 : 0;
    const metric = resultMetric(ls.metric, rs.metric, op, m);
    if (m.card === 'one-to-one') {
      if (matchedOne.has(s)) {
        throw new PromqlEvalError('multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)');
      }
      matchedOne.add(s);
    } else {
      let inserted = matchedMany.get(s);
      if (!inserted) matchedMany.set(s, (inserted = new Set()));
      const key = labelsKey(metric);
      if (inserted.has(key)) throw new PromqlEvalError('multiple matches for labels: grouping labels must ensure unique matches');
      inserted.add(key);
    }
    if (!keep && !returnBool) return;
    out.push({ metric, f: value, t: ls.t, dropName: returnBool });
  };
  for (const ls of lhs) {
    const s = sig(ls.metric);
    let rs = rightBySig.get(s);
    if (!rs) {
      if (fillForRight === undefined) continue;
      rs = { metric: matchLabels(ls.metric, m), f: fillForRight, t: ls.t, dropName: false };
    }
    apply(ls, rs, s);
  }
  if (fillForLeft !== undefined) {
    for (const rs of rhs) {
      const s = sig(rs.metric);
      if (m.card === 'one-to-one' ? matchedOne.has(s) : (matchedMany.get(s)?.size ?? 0) > 0) continue;
      apply({ metric: matchLabels(rs.metric, m), f: fillForLeft, t: rs.t, dropName: false }, rs, s);
    }
  }
  return out;
}

/** The labels a match group is identified by (Prometheus's MatchLabels). */
function matchLabels(l: Labels, m: VectorMatching): Labels {
  return m.on ? keepLabels(l, m.matchingLabels) : withoutLabels(l, [...m.matchingLabels, '__name__']);
}

function resultMetric(lhs: Labels, rhs: Labels, op: BinaryOp, m: VectorMatching): Labels {
  let out = CHANGES_SCHEMA.has(op) ? dropMetricName(lhs) : lhs;
  if (m.card === 'one-to-one') out = m.on ? keepLabels(out, m.matchingLabels) : withoutLabels(out, m.matchingLabels);
  if (m.include.length > 0) {
    const copy: Record<string, string> = { ...out };
    for (const name of m.include) {
      const v = rhs[name];
      if (v !== undefined && v !== '') copy[name] = v;
      else delete copy[name];
    }
    out = copy;
  }
  return out;
}

function duplicateError(a: Sample, b: Sample, m: VectorMatching, side: string): PromqlEvalError {
  let [d1, d2] = [promString(a.metric), promString(b.metric)];
  if (d1 > d2) [d1, d2] = [d2, d1];
  const group = promString(matchLabels(a.metric, m));
  return new PromqlEvalError(
    `found duplicate series for the match group ${group} on the ${side} hand-side of the operation: [${d1}, ${d2}]` +
      ';many-to-many matching not allowed: matching labels must be unique on one side',
  );
}

/** labels.Labels.String(): {__name__="x", a="b"} with every label quoted, names in order. */
export function promString(l: Labels): string {
  const parts = Object.keys(l).sort().map((k) => `${k}=${JSON.stringify(l[k])}`);
  return `{${parts.join(', ')}}`;
}
