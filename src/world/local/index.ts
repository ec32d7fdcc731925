/**
 * The `local` backend (issue #5): the testbed as real HTTP processes on 127.0.0.1 behind weighted
 * routers, real load, a real Prometheus (or the embedded scraper), on a compressed wall clock.
 *
 *   createLocalWorld(req: WorldRequest) -> LocalWorld          // registered as `local` in createWorld
 *   resolveLocalOptions({ timeScale, load, prometheus, prometheusImage, keep }, stack)
 *   planPrometheus(...)               // host binary, a container (testcontainers), or none
 *   new ScaledClock(scale)            // now() = virtual ms since the load started
 *   new ScaledMetricSource(inner, clock), scaleQueryDurations(query, scale, mapAt)
 */
export { createLocalWorld } from './create-local-world.ts';
export { LocalWorld } from './local-world.ts';
export { resolveLocalOptions, type LocalOptions, type ResolvedLocalOptions } from './local-options.ts';
export { ScaledClock } from './scaled-clock.ts';
export { ScaledMetricSource } from './scaled-metric-source.ts';
export { scaleQueryDurations } from './scale-query-durations.ts';
export { HttpLoadGenerator, type LoadCounters } from './http-load-generator.ts';
export { TrafficRouter } from './traffic-router.ts';
export { ServiceProcess } from './service-process.ts';
export { PrometheusServer } from './prometheus-server.ts';
export { planPrometheus, type PrometheusPlan } from './prometheus-plan.ts';
