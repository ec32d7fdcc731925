import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../../src/util/duration.ts';

describe('parseDuration', () => {
  it('reads Go-style durations', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('2d')).toBe(172_800_000);
  });

  it('rejects bare numbers, unknown units and junk', () => {
    for (const bad of ['300', '30 minutes', '5x', '', 's', '1h 30m']) expect(parseDuration(bad), bad).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it('prints compact durations', () => {
    expect(formatDuration(90_000)).toBe('1m30s');
    expect(formatDuration(3_600_000)).toBe('1h');
    expect(formatDuration(450)).toBe('450ms');
    expect(formatDuration(61_500)).toBe('1m1.5s');
  });
});
