import type { ComparisonCase } from './analysis-comparison.ts';

/**
 * Every AnalysisTemplate in ../shared/conformance/argo/examples that firedrill accepts
 * (test/conformance/argo/examples.test.ts: prometheus_01, features_analysis_07 and _09, five
 * templates), each with scripted values that end the run by themselves: the examples' metrics
 * have no count (indefinite, until failureLimit 3 is passed) or are one-shot range queries.
 * One case has an error measurement (an empty vector: `result[0]` is out of range), for the error
 * message's wording; Argo retries after a fixed 10 s (DefaultErrorRetryInterval), so only one.
 */
const ARGS = { 'service-name': 'checkout' };

export const COMPARISON_CASES: ComparisonCase[] = [
  // One-shot range query; all(result, # < 1000) over the matrix's values.
  { id: 'range-all-fast', file: 'docs_analysis_prometheus_01.yaml', template: 'range-query-example', args: ARGS, scripts: { 'success-rate': [[120, 340, 990]] } },
  // One value over 1000: the one measurement fails, but failed (1) is not > failureLimit (3).
  { id: 'range-one-slow', file: 'docs_analysis_prometheus_01.yaml', template: 'range-query-example', args: ARGS, scripts: { 'success-rate': [[120, 1500]] } },
  // An empty matrix: all() over nothing is true.
  { id: 'range-empty', file: 'docs_analysis_prometheus_01.yaml', template: 'range-query-example', args: ARGS, scripts: { 'success-rate': [[]] } },
  // Indefinite: the fourth failure passes failureLimit 3.
  { id: 'success-rate-drops', file: 'docs_features_analysis_07.yaml', template: 'success-rate', args: ARGS, scripts: { 'success-rate': [0.99, 0.5, 0.5, 0.5, 0.5] } },
  { id: 'error-rate-07-rises', file: 'docs_features_analysis_07.yaml', template: 'error-rate', args: ARGS, scripts: { 'error-rate': [0.01, 0.99, 0.99, 0.99, 0.99] } },
  // No data first: the measurement is Error (its message compared), retried after 10 s, then failures.
  { id: 'success-rate-no-data', file: 'docs_features_analysis_07.yaml', template: 'success-rate', args: ARGS, scripts: { 'success-rate': [[], 0.5, 0.5, 0.5, 0.5] } },
  // A success between failures: the failed counter does not reset (only consecutive ones do).
  { id: 'error-rate-09-flaps', file: 'docs_features_analysis_09.yaml', template: 'error-rate', args: ARGS, scripts: { 'error-rate': [0.99, 0.99, 0.01, 0.99, 0.99] } },
  // Nested templates: `rates` pulls in error-rate; the run fails when error-rate does, success-rate still
  // running. How many measurements the running metric has by then must not be a race: with the same
  // interval both fall due together, and Argo measured 4 or 5 depending on milliseconds (finishedAt
  // + interval per metric). At 3 s against error-rate's 2 s, error-rate fails at ~8 s, 2 s after
  // success-rate's third measurement and 1 s before its fourth.
  {
    id: 'rates-nested', file: 'docs_features_analysis_09.yaml', template: 'rates', args: ARGS,
    scripts: { 'success-rate': [0.99], 'error-rate': [0.01, 0.99, 0.99, 0.99, 0.99] }, intervals: { 'success-rate': '3s' },
  },
];
