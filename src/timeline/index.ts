export type { TimelineEvent } from './events.ts';
export { Timeline, toJsonl, parseJsonl } from './timeline.ts';
export { EVENT_CATALOG, findEvent, isEvent, isEventType, type AnyCatalogEvent, type CatalogEvent, type EventPayload, type EventType } from './event-catalog.ts';
