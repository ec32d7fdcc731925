/**
 * The functions Argo puts in the condition environment (utils/evaluate/evaluate.go:EvalCondition):
 * isNaN and isInf take a float64; asInt/asFloat convert numbers or numeric strings and panic
 * otherwise; isNil and default ignore their first argument and look at the *result*.
 */
import { ExprError } from './expr-error.ts';
import { formatGoValue, goTypeName, isNumeric, type ExprValue } from './expr-values.ts';
import { BOOL, FLOAT, INT, UNKNOWN, type Nature } from './nature.ts';

export interface EnvFunction {
  params: Nature[];
  out: Nature;
  call(args: ExprValue[], result: ExprValue): ExprValue;
}

function asFloat64Arg(v: ExprValue): number {
  if (typeof v === 'number') return v;
  // The checker rewrites int literals to floats for a float64 parameter (checkArguments).
  if (typeof v === 'bigint') return Number(v);
  throw new ExprError(`reflect: Call using ${goTypeName(v)} as type float64`);
}

function convert(name: 'asInt' | 'asFloat', v: ExprValue): ExprValue {
  if (isNumeric(v)) return name === 'asInt' ? BigInt(Math.trunc(Number(v))) : Number(v);
  if (typeof v === 'string') {
    const text = v.trim() === v ? v : '';
    if (name === 'asInt' && /^[+-]?\d+$/.test(text)) return BigInt(text);
    if (name === 'asFloat' && text !== '' && !Number.isNaN(Number(text))) return Number(text);
    if (name === 'asFloat' && /^[+-]?(inf|infinity|nan)$/i.test(text)) return parseGoSpecialFloat(text);
    const fn = name === 'asInt' ? 'ParseInt' : 'ParseFloat';
    throw new ExprError(`strconv.${fn}: parsing "${v}": invalid syntax`);
  }
  throw new ExprError(`${name}() not supported on ${goTypeName(v)} ${formatGoValue(v)}`);
}

function parseGoSpecialFloat(text: string): number {
  const lower = text.toLowerCase();
  if (lower.includes('nan')) return NaN;
  return lower.startsWith('-') ? -Infinity : Infinity;
}

export const ENV_FUNCTIONS: Record<string, EnvFunction> = {
  isNaN: { params: [FLOAT], out: BOOL, call: ([x]) => Number.isNaN(asFloat64Arg(x)) },
  isInf: {
    params: [FLOAT],
    out: BOOL,
    call: ([x]) => {
      const f = asFloat64Arg(x);
      return f === Infinity || f === -Infinity;
    },
  },
  asInt: { params: [UNKNOWN], out: INT, call: ([x]) => convert('asInt', x) },
  asFloat: { params: [UNKNOWN], out: FLOAT, call: ([x]) => convert('asFloat', x) },
  isNil: { params: [UNKNOWN], out: BOOL, call: (_args, result) => result === null },
  default: { params: [UNKNOWN, UNKNOWN], out: UNKNOWN, call: ([, d], result) => (result === null ? d : result) },
};
