import { Registry, Counter, Histogram } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parseExposition } from '../../../../src/world/local/exposition-parser.ts';

describe('parseExposition', () => {
  it('reads names, labels with escapes, special values and skips comments', () => {
    const text = [
      '# HELP x_total A counter',
      '# TYPE x_total counter',
      'x_total{a="1",b="q\\"uote\\\\d\\nline"} 42',
      'y 3.5e-3 1700000000000',
      'z{le="+Inf"} +Inf',
      'n NaN',
      'm -Inf',
      '',
    ].join('\n');
    const s = parseExposition(text);
    expect(s[0]).toEqual({ labels: { __name__: 'x_total', a: '1', b: 'q"uote\\d\nline' }, value: 42 });
    expect(s[1]).toEqual({ labels: { __name__: 'y' }, value: 0.0035 });
    expect(s[2].value).toBe(Infinity);
    expect(Number.isNaN(s[3].value)).toBe(true);
    expect(s[4].value).toBe(-Infinity);
  });

  it('reads what prom-client writes', async () => {
    const registry = new Registry();
    const c = new Counter({ name: 'c_total', help: 'h', labelNames: ['route'], registers: [registry] });
    const h = new Histogram({ name: 'd_seconds', help: 'h', labelNames: ['route'], buckets: [0.1, 1], registers: [registry] });
    c.inc({ route: '/a b' }, 2);
    h.observe({ route: '/x' }, 0.5);
    const s = parseExposition(await registry.metrics());
    expect(s.find((x) => x.labels.__name__ === 'c_total')).toEqual({ labels: { __name__: 'c_total', route: '/a b' }, value: 2 });
    expect(s.filter((x) => x.labels.__name__ === 'd_seconds_bucket').map((x) => [x.labels.le, x.value])).toEqual([['0.1', 0], ['1', 1], ['+Inf', 1]]);
  });

  it('throws on a malformed line', () => {
    expect(() => parseExposition('x{a="1" 2')).toThrow();
    expect(() => parseExposition('x banana')).toThrow(/invalid sample value/);
  });
});
