import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../src/util/duration.ts';

describe('formatDuration', () => {
  it('prints compact durations', () => {
    expect(formatDuration(90_000)).toBe('1m30s');
    expect(formatDuration(3_600_000)).toBe('1h');
    expect(formatDuration(450)).toBe('450ms');
    expect(formatDuration(61_500)).toBe('1m1.5s');
  });
});
