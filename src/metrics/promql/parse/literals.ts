/**
 * PromQL literals as Prometheus reads them: numbers through Go's strconv.ParseInt(s, 0, 64) then
 * ParseFloat, durations through model.ParseDuration, strings through Go's Unquote. Go strings
 * are bytes; a JS string cannot hold an invalid UTF-8 byte, so each such byte is kept as a lone
 * surrogate U+DC80+byte ("surrogateescape"), which lets label-name checks and %q-style quoting
 * report it exactly as Prometheus does.
 */

const INT_BASE0 = /^[+-]?(0[xX][0-9a-fA-F](_?[0-9a-fA-F])*|0[oO]?[0-7](_?[0-7])*|0[bB][01](_?[01])*|[1-9](_?[0-9])*|0)$/;
const DECIMAL_FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/;
const SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;

/** The value of a number token, or undefined when Go would reject it. */
export function parseNumberLiteral(text: string): number | undefined {
  const s = text.replace(/\s+/g, '');
  if (INT_BASE0.test(s)) return parseGoInt(s);
  if (DECIMAL_FLOAT.test(s)) return Number(s);
  const special = SPECIAL.exec(s);
  if (special) {
    if (special[2].toLowerCase() === 'nan') return Number.NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  const hex = HEX_FLOAT.exec(s);
  if (hex) {
    const mantissa = parseInt(hex[2] + hex[3] || '0', 16) / 16 ** hex[3].length;
    const v = mantissa * 2 ** Number(hex[4]);
    return hex[1] === '-' ? -v : v;
  }
  // Prometheus 3 also reads durations as numbers of seconds: `x - 5m`, `-1h`.
  const d = parseDurationLiteral(s.replace(/^[+-]/, ''));
  if (d === undefined) return undefined;
  return (s.startsWith('-') ? -d : d) / 1000;
}

/** ParseInt(s, 0, 64) then ParseFloat(s, 64), as Prometheus's test harness reads numbers. */
export function parseGoNumber(text: string): number | undefined {
  return INT_BASE0.test(text) ? parseGoInt(text) : parseGoFloat(text);
}

/** Go's strconv.ParseFloat(s, 64): decimal, inf/infinity/nan, hex floats with a p exponent. */
export function parseGoFloat(text: string): number | undefined {
  const s = text.replace(/_/g, '');
  if (DECIMAL_FLOAT.test(s)) return Number(s);
  const special = SPECIAL.exec(s);
  if (special) return special[2].toLowerCase() === 'nan' ? Number.NaN : special[1] === '-' ? -Infinity : Infinity;
  const hex = HEX_FLOAT.exec(s);
  if (!hex) return undefined;
  const v = (parseInt(hex[2] + hex[3] || '0', 16) / 16 ** hex[3].length) * 2 ** Number(hex[4]);
  return hex[1] === '-' ? -v : v;
}

function parseGoInt(s: string): number {
  const neg = s.startsWith('-');
  const body = s.replace(/^[+-]/, '').replace(/_/g, '');
  let v: number;
  if (/^0[xX]/.test(body)) v = parseInt(body.slice(2), 16);
  else if (/^0[bB]/.test(body)) v = parseInt(body.slice(2), 2);
  else if (/^0[oO]/.test(body)) v = parseInt(body.slice(2), 8);
  else if (body.length > 1 && body.startsWith('0')) v = parseInt(body.slice(1), 8);
  else v = Number(body);
  return neg ? -v : v;
}

const DURATION_UNITS: [string, number][] = [
  ['y', 365 * 86_400_000], ['w', 7 * 86_400_000], ['d', 86_400_000], ['h', 3_600_000],
  ['m', 60_000], ['s', 1000], ['ms', 1],
];
const DURATION_PART = /(\d+)(ms|y|w|d|h|m|s)/y;

/** Prometheus's model.ParseDuration: units in descending order, each at most once; "0" allowed. */
export function parseDurationLiteral(text: string): number | undefined {
  if (text === '0') return 0;
  if (text === '') return undefined;
  let pos = 0;
  let total = 0;
  let lastUnit = -1;
  while (pos < text.length) {
    DURATION_PART.lastIndex = pos;
    const m = DURATION_PART.exec(text);
    if (!m) return undefined;
    const unit = DURATION_UNITS.findIndex(([u]) => u === m[2]);
    if (unit <= lastUnit) return undefined;
    lastUnit = unit;
    total += Number(m[1]) * DURATION_UNITS[unit][1];
    pos = DURATION_PART.lastIndex;
  }
  return total;
}

/** Go's strconv.Unquote (single-quoted strings may hold several characters, as in Prometheus). */
export function unquoteString(quoted: string): string | undefined {
  const q = quoted[0];
  if (quoted.length < 2 || quoted[quoted.length - 1] !== q) return undefined;
  const body = quoted.slice(1, -1);
  if (q === '`') return body.includes('`') ? undefined : body.replace(/\r/g, '');
  if (q !== '"' && q !== "'") return undefined;
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === q || c === '\n') return undefined;
    if (c !== '\\') {
      const cp = body.codePointAt(i)!;
      if (cp > 0xffff) i++;
      bytes.push(...encoder.encode(String.fromCodePoint(cp)));
      continue;
    }
    const e = body[++i];
    const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };
    if (e in simple) bytes.push(simple[e]);
    else if (e === q) bytes.push(q.charCodeAt(0));
    else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) return undefined;
      const v = parseInt(hex, 16);
      i += len;
      if (e === 'x') bytes.push(v);
      else if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return undefined;
      else bytes.push(...encoder.encode(String.fromCodePoint(v)));
    } else if (e >= '0' && e <= '7') {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) return undefined;
      bytes.push(parseInt(oct, 8));
      i += 2;
    } else return undefined;
  }
  return decodeBytes(bytes);
}

/** UTF-8 bytes to a JS string; invalid bytes become lone surrogates U+DC00+byte (DC80-DCFF). */
export function decodeBytes(bytes: readonly number[]): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const [len, min] = b < 0x80 ? [1, 0] : b >= 0xc2 && b < 0xe0 ? [2, 0x80] : b >= 0xe0 && b < 0xf0 ? [3, 0x800] : b >= 0xf0 && b < 0xf5 ? [4, 0x10000] : [0, 0];
    let cp = len === 1 ? b : len === 2 ? b & 0x1f : len === 3 ? b & 0x0f : b & 0x07;
    let ok = len > 0 && i + len <= bytes.length;
    for (let k = 1; ok && k < len; k++) {
      const cont = bytes[i + k];
      if ((cont & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (cont & 0x3f);
    }
    if (ok && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000))) ok = false;
    if (ok) {
      out += String.fromCodePoint(cp);
      i += len;
    } else {
      out += String.fromCharCode(0xdc00 + b);
      i++;
    }
  }
  return out;
}

/** True when the string holds no escaped invalid byte (see decodeBytes). */
export function isValidUtf8(s: string): boolean {
  return !/[\udc80-\udcff]/u.test(s);
}

/** Go's %q of a string (as Prometheus's error messages print label names and values). */
export function quoteGo(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xdc80 && cp <= 0xdcff) out += `\\x${(cp - 0xdc00).toString(16).padStart(2, '0')}`;
    else if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}
