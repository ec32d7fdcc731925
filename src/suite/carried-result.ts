import type { RunRecord } from '../runner/run-record.ts';
import type { TruthBucket } from '../world/truth.ts';
import type { RunResult } from './run-result.ts';
import { parseTruthJsonl, renderTruthJsonl } from './run-store.ts';

/**
 * A run's result as it crosses from a worker thread to the suite. The ground truth goes as the
 * text of truth.jsonl: structured clone of a long run's buckets (thousands of small objects with
 * numeric and commit-id keys) took ~250 ms on each side, rendering the text ~60 ms, and the suite
 * writes that text as it is. The record keeps every other field.
 */
export interface CarriedResult {
  result: Omit<RunResult, 'record'> & { record: Omit<RunRecord, 'truth'> };
  truthJsonl: string;
}

export function carryResult(result: RunResult): CarriedResult {
  const { truth, ...record } = result.record;
  return { result: { ...result, record }, truthJsonl: renderTruthJsonl(truth) };
}

/** The result again on this side; its truth is parsed from the text only if something reads it. */
export function reviveResult(carried: CarriedResult): RunResult {
  let truth: TruthBucket[] | undefined;
  const record = carried.result.record as RunRecord;
  Object.defineProperty(record, 'truth', {
    enumerable: true,
    configurable: true,
    get: () => (truth ??= parseTruthJsonl(carried.truthJsonl)),
  });
  return { ...carried.result, record };
}
