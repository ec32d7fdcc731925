export * from './labels.ts';
export * from './tsdb.ts';
export type { MetricSource, QueryResult } from './metric-source.ts';
