import type { ComparisonCase } from './analysis-comparison.ts';

/**
 * Every AnalysisTemplate in ../shared/conformance/argo/examples that firedrill accepts
 * (test/conformance/argo/examples.test.ts: prometheus_01, features_analysis_07 and _09, five
 * templates), each with scripted values that end the run by themselves: the examples' metrics
 * have no count (indefinite, until failureLimit 3 is passed) or are one-shot range queries.
 * Error measurements are left out: Argo retries them after a fixed 10 s, which would make this
 * test slow without adding a path the conformance cases do not already cover.
 */
const ARGS = { 'service-name': 'checkout' };

export const COMPARISON_CASES: ComparisonCase[] = [
  // One-shot range query; all(result, # < 1000) over the matrix's values.
  { id: 'range-all-fast', file: 'docs_analysis_prometheus_01.yaml', template: 'range-query-example', args: ARGS, scripts: { 'success-rate': [[120, 340, 990]] } },
  // One value over 1000: the one measurement fails, but failed (1) is not > failureLimit (3).
  { id: 'range-one-slow', file: 'docs_analysis_prometheus_01.yaml', template: 'range-query-example', args: ARGS, scripts: { 'success-rate': [[120, 1500]] } },
  // Indefinite: the fourth failure passes failureLimit 3.
  { id: 'success-rate-drops', file: 'docs_features_analysis_07.yaml', template: 'success-rate', args: ARGS, scripts: { 'success-rate': [0.99, 0.5, 0.5, 0.5, 0.5] } },
  { id: 'error-rate-07-rises', file: 'docs_features_analysis_07.yaml', template: 'error-rate', args: ARGS, scripts: { 'error-rate': [0.01, 0.99, 0.99, 0.99, 0.99] } },
  // A success between failures: the failed counter does not reset (only consecutive ones do).
  { id: 'error-rate-09-flaps', file: 'docs_features_analysis_09.yaml', template: 'error-rate', args: ARGS, scripts: { 'error-rate': [0.99, 0.99, 0.01, 0.99, 0.99] } },
  // Nested templates: `rates` pulls in error-rate; the run fails when error-rate does, success-rate still running.
  { id: 'rates-nested', file: 'docs_features_analysis_09.yaml', template: 'rates', args: ARGS, scripts: { 'success-rate': [0.99], 'error-rate': [0.01, 0.99, 0.99, 0.99, 0.99] } },
];
