import { describe, expect, it } from 'vitest';
import { expandSequence, parseSeriesLine } from '../../../src/metrics/series-file/load-notation.ts';
import { formatOpenMetrics, parseOpenMetrics } from '../../../src/metrics/series-file/openmetrics.ts';
import { loadSeriesFile } from '../../../src/metrics/series-file/series-file.ts';
import { UserInputError } from '../../../src/util/errors.ts';

const values = (text: string): (number | string)[] =>
  expandSequence(text).map((v) => (v.kind === 'value' ? v.v : v.kind));

describe('load notation', () => {
  it('expands items as Prometheus test files do', () => {
    expect(values('0+10x3')).toEqual([0, 10, 20, 30]);
    expect(values('1-2x2 _x2 stale 5x1')).toEqual([1, -1, -3, 'omitted', 'omitted', 'stale', 5, 5]);
    expect(values('0x3')).toEqual([0, 0, 0, 0]);
    expect(values('Inf -Inf NaN 1e3')).toEqual([Infinity, -Infinity, Number.NaN, 1000]);
    expect(values('{{schema:0 sum:1 count:1}}x2')).toEqual(['histogram', 'histogram', 'histogram']);
  });

  it('parses series descriptors with any quoting', () => {
    expect(parseSeriesLine(`m{a="x", b='y', c=\`z\`} 1`).labels).toEqual({ __name__: 'm', a: 'x', b: 'y', c: 'z' });
    expect(parseSeriesLine('{__name__="m", "a.b"="1"} 1').labels).toEqual({ __name__: 'm', 'a.b': '1' });
    expect(() => parseSeriesLine('m 1+x')).toThrow(UserInputError);
  });

  it('loads `load` blocks from time 0 and refuses native histograms', () => {
    const tsdb = loadSeriesFile('load 1m\n  m 1 2 stale\nload 30s\n  n 5\n');
    expect(tsdb.series().map((s) => [s.labels.__name__, s.t, s.v.map(String)])).toEqual([
      ['m', [0, 60_000, 120_000], ['1', '2', 'NaN']],
      ['n', [0], ['5']],
    ]);
    expect(() => loadSeriesFile('load 1m\n  h {{schema:0 sum:1 count:1}}\n')).toThrow('native histogram samples');
  });
});

describe('OpenMetrics text', () => {
  it('round-trips samples (timestamps in seconds)', () => {
    const samples = [
      { labels: { __name__: 'up', job: 'a' }, t: 1000, v: 1 },
      { labels: { __name__: 'up', job: 'a' }, t: 2500, v: Number.NaN },
    ];
    const text = formatOpenMetrics(samples);
    expect(text).toBe('up{job="a"} 1 1\nup{job="a"} NaN 2.5\n# EOF\n');
    expect(parseOpenMetrics(text)).toEqual(samples);
  });

  it('loads OpenMetrics into a TSDB and says which line is wrong', () => {
    const tsdb = loadSeriesFile('# TYPE x gauge\nx{a="1"} 3 10\nx{a="1"} 4 20 # {trace_id="1"} 1\n# EOF\n');
    expect(tsdb.series()[0].v).toEqual([3, 4]);
    expect(() => loadSeriesFile('x 1\n', 'f.om')).toThrow('f.om:1: sample without a timestamp');
  });
});
