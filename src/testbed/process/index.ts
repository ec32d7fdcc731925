/**
 * The process runtime: one service version as a real HTTP server on 127.0.0.1, with the sim
 * runtime's semantics (worker pool and queue, timeouts, retries with backoff, seeded randomness)
 * and the same Prometheus series, exported with prom-client. The entry point is service-main.ts
 * (`node --import tsx`), driven over IPC by the local world (messages.ts).
 */
export type { ChildMessage, InitMessage, LoadMessage, ParentMessage, ProcessLogLine, ProcessStats } from './messages.ts';
export { REQUEST_ID_HEADER } from './messages.ts';
export { createKeepAliveAgent, requestJson, TIMEOUT_STATUS, UNREACHABLE_STATUS, type HttpAnswer, type JsonRequest } from './http-json.ts';
export { ProcessMetrics } from './process-metrics.ts';
