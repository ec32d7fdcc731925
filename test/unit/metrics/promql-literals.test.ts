import { describe, expect, it } from 'vitest';
import { goPow } from '../../../src/metrics/promql/eval/go-pow.ts';
import { xxhash64 } from '../../../src/metrics/promql/eval/xxhash64.ts';
import { formatGoFloat, formatOpenMetricsFloat } from '../../../src/metrics/promql/go-float-format.ts';
import { compileAnchoredRegex, translateGoRegex } from '../../../src/metrics/promql/go-regex.ts';
import { isValidUtf8, parseDurationLiteral, parseNumberLiteral, quoteGo, unquoteString } from '../../../src/metrics/promql/parse/literals.ts';

describe('Go RE2 patterns in JS', () => {
  const matches = (re: string, s: string): boolean => compileAnchoredRegex(re).test(s);
  it('applies inline flags without JS support for them', () => {
    expect(matches('(?i)prod.*', 'PRODuction')).toBe(true);
    expect(matches('.*(?i:DUC).*', 'production')).toBe(true);
    expect(matches('.*(?i:DUC)X', 'productionx')).toBe(false);
    expect(matches('a(?i)b|c', 'aB')).toBe(true);
    expect(matches('[[:alpha:]]+[[:digit:]]', 'abc1')).toBe(true);
    expect(matches('\\pL+', 'Ünïcode')).toBe(true);
    expect(matches('\\Q.*\\E', '.*')).toBe(true);
    expect(matches('\\Q.*\\E', 'ab')).toBe(false);
    expect(matches('a.b', 'a\nb')).toBe(true);
    expect(matches('(?P<x>a)b', 'ab')).toBe(true);
  });
  it('rejects what RE2 rejects', () => {
    expect(() => translateGoRegex('(?=a)')).toThrow('invalid or unsupported Perl syntax');
    expect(() => translateGoRegex('(a')).toThrow('missing closing )');
    expect(() => translateGoRegex('a**')).toThrow('invalid nested repetition operator');
    expect(() => translateGoRegex('\\1')).toThrow('invalid escape sequence');
  });
});

describe('literals', () => {
  it('reads numbers like ParseInt(s, 0) then ParseFloat', () => {
    expect(parseNumberLiteral('0x1F')).toBe(31);
    expect(parseNumberLiteral('010')).toBe(8);
    expect(parseNumberLiteral('1e-3')).toBe(0.001);
    expect(parseNumberLiteral('-Inf')).toBe(-Infinity);
    expect(parseNumberLiteral('nAn')).toBeNaN();
    expect(parseNumberLiteral('1h30m')).toBe(5400);
    expect(parseNumberLiteral('1x')).toBeUndefined();
  });
  it('reads durations in Prometheus order', () => {
    expect(parseDurationLiteral('1h30m')).toBe(5_400_000);
    expect(parseDurationLiteral('250ms')).toBe(250);
    expect(parseDurationLiteral('30m1h')).toBeUndefined();
  });
  it('unquotes Go strings, keeping invalid UTF-8 bytes visible', () => {
    expect(unquoteString('"a\\u00e9\\x41\\101"')).toBe('aéAA');
    expect(unquoteString("'it''s'")).toBeUndefined();
    const bad = unquoteString('"a\\xc5z"')!;
    expect(isValidUtf8(bad)).toBe(false);
    expect(quoteGo(bad)).toBe('"a\\xc5z"');
    expect(isValidUtf8(unquoteString('"\\xc3\\xa9"')!)).toBe(true);
  });
  it('formats floats like Go strconv', () => {
    expect(formatGoFloat(1e21, 'f')).toBe('1000000000000000000000');
    expect(formatGoFloat(1234567, 'g')).toBe('1.234567e+06');
    expect(formatGoFloat(0.0001, 'g')).toBe('0.0001');
    expect(formatGoFloat(0.00001, 'g')).toBe('1e-05');
    expect(formatOpenMetricsFloat(2)).toBe('2.0');
    expect(formatOpenMetricsFloat(0.5)).toBe('0.5');
  });
  it('computes ^ like Go math.Pow and hashes like xxhash64', () => {
    expect(goPow(72731.015, 3) % 100).toBe(66.375);
    expect(goPow(-8, 1 / 3)).toBeNaN();
    expect(goPow(2, 0.5)).toBe(Math.SQRT2);
    expect(xxhash64(new Uint8Array()).toString(16)).toBe('ef46db3751d8e999');
    expect(xxhash64(new TextEncoder().encode('abc')).toString(16)).toBe('44bc2cf5ad770999');
  });
});
