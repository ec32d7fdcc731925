import { PromqlEvalError } from '../../errors.ts';
import { translateGoRegex } from '../../go-regex.ts';
import { isValidUtf8 } from '../../parse/literals.ts';
import { labelsKey, setLabel } from '../label-ops.ts';
import { asVector, vector, type Sample, type Value } from '../values.ts';
import type { InstantCall, InstantFunction } from './instant-functions.ts';

/** label_replace and label_join, from promql/functions.go. */

function stringArgs(call: InstantCall): string[] {
  return call.expr.args.map((a) => (a.kind === 'string' ? a.value : ''));
}

function isValidLabelName(name: string): boolean {
  return name.length > 0 && isValidUtf8(name);
}

const regexCache = new Map<string, RegExp>();
function compileReplaceRegex(pattern: string): RegExp {
  let re = regexCache.get(pattern);
  if (!re) {
    try {
      re = new RegExp(`^(?:${translateGoRegex(pattern, { s: true })})$`, 'u');
    } catch {
      throw new PromqlEvalError(`invalid regular expression in label_replace(): ${pattern}`);
    }
    regexCache.set(pattern, re);
  }
  return re;
}

/** Go's Regexp.ExpandString: $1, ${1}, $name, ${name}; $$ is a dollar. */
export function expandTemplate(template: string, match: RegExpExecArray): string {
  let out = '';
  let rest = template;
  for (;;) {
    const i = rest.indexOf('$');
    if (i < 0) break;
    out += rest.slice(0, i);
    rest = rest.slice(i + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const ref = /^(?:\{([\p{L}\p{N}_]+)\}|([\p{L}\p{N}_]+))/u.exec(rest);
    if (!ref) {
      out += '$';
      continue;
    }
    rest = rest.slice(ref[0].length);
    const name = ref[1] ?? ref[2];
    const isNumber = /^\d+$/.test(name) && !(name.length > 1 && name.startsWith('0')) && name.length < 9;
    if (isNumber) out += match[Number(name)] ?? '';
    else out += match.groups?.[name] ?? '';
  }
  return out + rest;
}

function checkNoDuplicates(samples: Sample[]): Value {
  const seen = new Set<string>();
  for (const s of samples) {
    const key = labelsKey(s.metric);
    if (seen.has(key)) throw new PromqlEvalError('vector cannot contain metrics with the same labelset');
    seen.add(key);
  }
  return vector(samples);
}

const labelReplace: InstantFunction = (args, call) => {
  const [, dst, repl, src, pattern] = stringArgs(call);
  const re = compileReplaceRegex(pattern);
  if (!isValidLabelName(dst)) throw new PromqlEvalError(`invalid destination label name in label_replace(): ${dst}`);
  const out = asVector(args[0]).map((s) => {
    const m = re.exec(s.metric[src] ?? '');
    if (!m) return s;
    const metric = setLabel(s.metric, dst, expandTemplate(repl, m));
    return { ...s, metric, dropName: dst === '__name__' ? false : s.dropName };
  });
  return checkNoDuplicates(out);
};

const labelJoin: InstantFunction = (args, call) => {
  const [, dst, sep, ...srcs] = stringArgs(call);
  for (const src of srcs) {
    if (!isValidLabelName(src)) throw new PromqlEvalError(`invalid source label name in label_join(): ${src}`);
  }
  if (!isValidLabelName(dst)) throw new PromqlEvalError(`invalid destination label name in label_join(): ${dst}`);
  const out = asVector(args[0]).map((s) => {
    const value = srcs.map((n) => s.metric[n] ?? '').join(sep);
    return { ...s, metric: setLabel(s.metric, dst, value), dropName: dst === '__name__' ? false : s.dropName };
  });
  return checkNoDuplicates(out);
};

export const LABEL_FUNCTIONS: Record<string, InstantFunction> = {
  label_replace: labelReplace,
  label_join: labelJoin,
};
