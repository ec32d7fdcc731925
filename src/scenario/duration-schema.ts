import { durationField, toDurationMs, type DurationGrammar } from '../config/duration-field.ts';
import { GO_DURATION_UNITS } from '../util/go-duration.ts';

const DAY_NS = 86_400_000_000_000n;

/**
 * firedrill's own durations (scenario, stack, suite files): Go's grammar, as in the Argo files
 * beside them, plus `d` and `w` for SLO windows; a negative time makes no sense here.
 */
export const FIREDRILL_DURATION: DurationGrammar = {
  units: { ...GO_DURATION_UNITS, d: DAY_NS, w: 7n * DAY_NS },
  restrict: (_text, ns) => (ns < 0n ? 'must not be negative' : undefined),
};

/** A duration string ("30s", "5m", "1h30m", "30d"). Kept as text in the schema so JSON Schema shows it. */
export const durationSchema = durationField(FIREDRILL_DURATION).meta({
  description: 'Duration: numbers with units (ns, us, ms, s, m, h, d, w) as Go writes them, e.g. "30s", "1h30m" or "1.5h"',
  examples: ['30s', '5m'],
});

/** Converts a duration that already passed the schema. */
export function toMs(text: string): number {
  return toDurationMs(text, FIREDRILL_DURATION);
}
