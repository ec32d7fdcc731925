export type { TimelineEvent } from './events.ts';
export { Timeline, toJsonl, parseJsonl } from './timeline.ts';
