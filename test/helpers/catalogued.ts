import { EVENT_CATALOG, isEventType } from '../../src/timeline/event-catalog.ts';
import type { TimelineEvent } from '../../src/timeline/events.ts';

/**
 * Checks every event of a timeline against the event catalog, strictly: a known type, a known
 * source, and a payload with exactly the catalogued keys and value types. Returns the problems
 * (empty when all is well) so a test shows every one at once.
 */
export function findUncatalogued(timeline: readonly TimelineEvent[]): string[] {
  const problems = new Set<string>();
  for (const { t, type, source, ...payload } of timeline) {
    if (!isEventType(type)) {
      problems.add(`${type}: not in the catalog`);
      continue;
    }
    const entry = EVENT_CATALOG[type];
    if (!entry.sources.includes(source)) problems.add(`${type}: source ${source} is not one of ${entry.sources.join(', ')}`);
    const parsed = entry.payload.strict().safeParse(payload);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.add(`${type} at t=${t}: ${issue.path.join('.') || '(payload)'}: ${issue.message}`);
    }
  }
  return [...problems];
}
