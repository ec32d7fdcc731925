import { z } from 'zod';
import { parseDuration } from '../util/duration.ts';

/** A duration string ("30s", "5m", "1h30m"). Kept as text in the schema so JSON Schema shows it. */
export const durationSchema = z
  .string()
  .refine((s) => parseDuration(s) !== undefined, {
    message: 'not a duration (use a number with a unit: 250ms, 30s, 5m, 1h, 1h30m)',
  })
  .meta({ description: 'Duration: a number with a unit (ms, s, m, h, d), e.g. "30s" or "1h30m"', examples: ['30s', '5m'] });

/** Converts a duration that already passed the schema. */
export function toMs(text: string): number {
  return parseDuration(text)!;
}
