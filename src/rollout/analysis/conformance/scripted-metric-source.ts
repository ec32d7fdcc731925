/**
 * A MetricSource that answers each metric's queries from its scripted list of values, in order
 * (the case's "scripted provider"). Each metric's query is its name. A metric that asks for more
 * values than scripted gets a promise that never settles and marks the source `starved`, so the
 * runner stops before an unscripted measurement could change the state.
 */
import type { MetricSource, QueryResult } from '../../../metrics/metric-source.ts';
import type { CaseMeasurement, CaseNumber } from './case-types.ts';

export function toFloat(v: CaseNumber): number {
  if (v === 'NaN') return NaN;
  if (v === '+Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  return v;
}

export class ScriptedMetricSource implements MetricSource {
  readonly kind = 'scripted';
  starved = false;
  private readonly next = new Map<string, number>();

  constructor(private readonly scripts: Record<string, CaseMeasurement[]>) {}

  /** True once every scripted value was handed out. */
  get exhausted(): boolean {
    return Object.entries(this.scripts).every(([name, list]) => (this.next.get(name) ?? 0) >= list.length);
  }

  instant(query: string, at: number): Promise<QueryResult> {
    const list = this.scripts[query] ?? [];
    const i = this.next.get(query) ?? 0;
    if (i >= list.length) {
      this.starved = true;
      return new Promise(() => {});
    }
    this.next.set(query, i + 1);
    const m = list[i];
    if (m.error) return Promise.reject(new Error(m.errorMessage ?? 'query failed'));
    if (Array.isArray(m.value)) {
      return Promise.resolve({ resultType: 'vector', result: m.value.map((v) => ({ metric: {}, value: [at, toFloat(v)] as [number, number] })) });
    }
    return Promise.resolve({ resultType: 'scalar', result: [at, toFloat(m.value ?? 'NaN')] });
  }

  range(query: string, start: number): Promise<QueryResult> {
    return this.instant(query, start);
  }
}
