import { isEventType, type EventPayload, type EventType } from './event-catalog.ts';
import type { TimelineEvent } from './events.ts';

const RESERVED = ['t', 'type', 'source'] as const;

/** Append-only list of events with listeners (reporters stream them). */
export class Timeline {
  private readonly events: TimelineEvent[] = [];
  private readonly listeners: ((e: TimelineEvent) => void)[] = [];

  /** A catalogued event, its payload typed by the catalog. */
  emit<K extends EventType>(t: number, source: string, type: K, data: EventPayload<K>): TimelineEvent {
    return this.emitUntyped(t, source, type, data as Record<string, unknown>);
  }

  /**
   * For emitters that build payloads key by key below the catalog's types (the rollout and
   * analysis engines, the worlds' watches): the type is still checked against the catalog.
   */
  emitUntyped(t: number, source: string, type: string, data: Record<string, unknown> = {}): TimelineEvent {
    // An event the catalog does not know is a programming error: every test run would hit it.
    if (!isEventType(type)) throw new Error(`timeline event ${type} is not in the event catalog (src/timeline/event-catalog.ts): add it there with its payload`);
    // A payload never renames the event: `t`, `type` and `source` are the timeline's own keys.
    for (const reserved of RESERVED) if (reserved in data) throw new Error(`timeline event ${type}: payload key "${reserved}" is reserved`);
    const event: TimelineEvent = { t, type, source, ...data };
    this.events.push(event);
    for (const l of this.listeners) l(event);
    return event;
  }

  onEvent(listener: (e: TimelineEvent) => void): void {
    this.listeners.push(listener);
  }

  all(): readonly TimelineEvent[] {
    return this.events;
  }
}

/** One JSON object per line, keys in insertion order: deterministic bytes for a deterministic run. */
export function toJsonl(events: readonly TimelineEvent[]): string {
  return events.map((e) => JSON.stringify(e, roundNumbers)).join('\n') + (events.length ? '\n' : '');
}

/** Round floats to 6 significant decimals so platform float noise never reaches the bytes. */
function roundNumbers(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isInteger(value) && Number.isFinite(value)) {
    return Number(value.toFixed(6));
  }
  return value;
}

export function parseJsonl(text: string): TimelineEvent[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as TimelineEvent);
}
