export type { Clock } from './clock.ts';
export { VirtualClock } from './virtual-clock.ts';
export { WallClock } from './wall-clock.ts';
export { EventQueue } from './event-queue.ts';
