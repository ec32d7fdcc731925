/**
 * Go's `time.ParseDuration`, to the letter: Argo reads every duration string with it
 * (`interval`, `initialDelay`, `rangeQuery.step`, `pause.duration`, expr's `duration()`), so what
 * Go accepts, rejects, rounds or overflows, firedrill does too, and its errors read like Go's.
 *
 * Grammar: `[-+]?([0-9]*(\.[0-9]*)?unit)+`, or `[-+]?0` alone. Each part needs a digit on one side
 * of the point (`.5s` and `5.s` are fine, `.s` is not). Values are int64 nanoseconds: past
 * 2^63-1 (or below -2^63) is an error. Fractions are scaled in float64 as Go does, so
 * `0.3333333333333333333h` is exactly 20m. Callers may widen the unit table (firedrill's own files
 * add `d` and `w`); the grammar stays Go's.
 */
const NS_PER_MS = 1_000_000n;

export const GO_DURATION_UNITS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n, // U+00B5 micro sign
  'μs': 1_000n, // U+03BC Greek mu
  ms: NS_PER_MS,
  s: 1_000n * NS_PER_MS,
  m: 60_000n * NS_PER_MS,
  h: 3_600_000n * NS_PER_MS,
};

export type GoDurationResult = { ok: true; ns: bigint; ms: number } | { ok: false; error: string };

const LIMIT = 1n << 63n;
const LEADING_NUMBER = /^([0-9]*)(?:\.([0-9]*))?/;
const LEADING_UNIT = /^[^0-9.]*/;

export function parseGoDuration(text: string, units: Readonly<Record<string, bigint>> = GO_DURATION_UNITS): GoDurationResult {
  const invalid = (): GoDurationResult => ({ ok: false, error: `time: invalid duration ${quoteGo(text)}` });
  let rest = text;
  let negative = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    negative = rest.startsWith('-');
    rest = rest.slice(1);
  }
  if (rest === '0') return succeed(0n);
  if (rest === '') return invalid();
  let total = 0n;
  while (rest !== '') {
    const number = LEADING_NUMBER.exec(rest)!;
    const [whole, fraction] = [number[1], number[2] ?? ''];
    if (whole === '' && fraction === '') return invalid();
    let value = BigInt(whole || '0');
    if (value > LIMIT) return invalid();
    rest = rest.slice(number[0].length);
    const unitText = LEADING_UNIT.exec(rest)![0];
    if (unitText === '') return { ok: false, error: `time: missing unit in duration ${quoteGo(text)}` };
    rest = rest.slice(unitText.length);
    const unit = Object.hasOwn(units, unitText) ? units[unitText] : undefined;
    if (unit === undefined) return { ok: false, error: `time: unknown unit ${quoteGo(unitText)} in duration ${quoteGo(text)}` };
    if (value > LIMIT / unit) return invalid();
    value *= unit;
    const { digits, scale } = readFraction(fraction);
    // float64 arithmetic on purpose: Go computes fractions this way, and rounds the same.
    if (digits > 0n) value += BigInt(Math.trunc(Number(digits) * (Number(unit) / scale)));
    total += value;
    if (value > LIMIT || total > LIMIT) return invalid();
  }
  if (negative) return succeed(-total);
  return total > LIMIT - 1n ? invalid() : succeed(total);
}

/** Milliseconds of a Go duration, or undefined where Go returns an error. */
export function goDurationMs(text: string): number | undefined {
  const parsed = parseGoDuration(text);
  return parsed.ok ? parsed.ms : undefined;
}

/** Go's error text for `text`, or undefined when it is a valid duration. */
export function describeGoDurationError(text: string, units: Readonly<Record<string, bigint>> = GO_DURATION_UNITS): string | undefined {
  const parsed = parseGoDuration(text, units);
  return parsed.ok ? undefined : parsed.error;
}

/**
 * The digits after the point, kept while they fit in an int64 (Go's leadingFraction): later
 * digits are read but add no precision, so a 30-digit fraction is not an overflow.
 */
function readFraction(text: string): { digits: bigint; scale: number } {
  let digits = 0n;
  let scale = 1;
  for (const ch of text) {
    if (digits > (LIMIT - 1n) / 10n) break;
    const next = digits * 10n + BigInt(ch);
    if (next > LIMIT) break;
    digits = next;
    scale *= 10;
  }
  return { digits, scale };
}

function succeed(ns: bigint): GoDurationResult {
  return { ok: true, ns, ms: Number(ns) / 1e6 };
}

/**
 * Go's time-package quote: printable ASCII as is (with `"` and `\` escaped), everything else as
 * the \x escapes of its UTF-8 bytes, so `12μs` reads `"12\xce\xbcs"` in an error, as in Go.
 */
export function quoteGo(text: string): string {
  const encoder = new TextEncoder();
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x80 || code < 0x20) {
      for (const byte of encoder.encode(ch)) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    } else {
      out += ch === '"' || ch === '\\' ? `\\${ch}` : ch;
    }
  }
  return `${out}"`;
}
