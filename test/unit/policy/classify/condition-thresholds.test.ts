import { describe, expect, it } from 'vitest';
import { compareConditions, resolveArgs } from '../../../../src/policy/classify/condition-thresholds.ts';

const one = (role: 'success' | 'failure', a: string, b: string): string => compareConditions('c', role, a, b).map((m) => `${m.class}${m.factor === undefined ? '' : ` x${m.factor}`}`).join(', ');

describe('thresholds in conditions', () => {
  it.each([
    ['success', 'result[0] <= 0.05', 'result[0] <= 0.1', 'threshold-widen x2'],
    ['success', 'result[0] <= 0.05', 'result[0] <= 0.04', 'threshold-tighten x0.8'],
    ['success', 'result[0] >= 0.95', 'result[0] >= 0.5', 'threshold-widen x1.9'],
    ['failure', 'result[0] > 1', 'result[0] > 1.5', 'threshold-widen x1.5'],
    ['failure', 'result[0] < 10', 'result[0] < 5', 'threshold-widen x2'],
    ['failure', '2 < result[0]', '3 < result[0]', 'threshold-widen x1.5'],
    ['failure', 'result[0] > 0', 'result[0] > 0.01', 'threshold-widen xunbounded'],
    ['success', 'len(result) > 0 && result[0] <= 0.05', 'true', 'analysis-change'],
    ['success', 'result[0] <= 0.05', 'result[0] <= 0.05 || true', 'analysis-change'],
    ['success', 'result[0] == 1', 'result[0] == 2', 'analysis-change'],
  ] as const)('%s: %s -> %s is %s', (role, a, b, expected) => {
    expect(one(role, a, b).replace('x1000000000', 'xunbounded')).toBe(expected);
  });

  it('does not read the index in result[0] as a bound', () => {
    expect(one('success', 'len(result) > 0 && result[0] <= 0.05', 'len(result) > 0 && result[1] <= 0.05')).toBe('analysis-change');
  });

  it('resolves template args so a bound moved into an arg still compares', () => {
    expect(resolveArgs('result[0] <= {{args.max-error-ratio}}', new Map([['max-error-ratio', '0.05']]))).toBe('result[0] <= 0.05');
    expect(resolveArgs('result[0] <= {{args.unknown}}', new Map())).toBe('result[0] <= {{args.unknown}}');
  });
});
