import { labelsKey, type Labels } from './labels.ts';
import { matchesLabel } from './label-matcher.ts';

/**
 * In-memory time-series store: what Prometheus's head block is to a drill. Samples are appended
 * in time order per series (as a scraper does). A staleness marker (Prometheus writes a special
 * NaN when a target or series disappears) is stored as a flag beside the sample, because JS does
 * not reliably keep NaN payload bits.
 */
export interface StoredSeries {
  readonly id: number;
  readonly labels: Labels;
  /** labelsKey(labels): compares like Prometheus's labels.Compare, so it also orders series. */
  readonly key: string;
  readonly t: number[];
  readonly v: number[];
  /** stale[i] is true when sample i is a staleness marker (its v is NaN). */
  readonly stale: boolean[];
  /** How many staleness markers the series holds (0 lets readers copy ranges without checking). */
  staleCount: number;
}

export interface LabelMatcher {
  name: string;
  type: '=' | '!=' | '=~' | '!~';
  value: string;
}

export class Tsdb {
  private readonly byKey = new Map<string, StoredSeries>();
  private readonly byName = new Map<string, StoredSeries[]>();
  private readonly all: StoredSeries[] = [];
  /** Series in label order (Prometheus returns selections in this order; sums depend on it). */
  private sorted: StoredSeries[] | undefined;

  append(labels: Labels, t: number, v: number): void {
    this.push(labels, t, v, false);
  }

  /** Writes a staleness marker: the series ends here (lookback stops finding it). */
  markStale(labels: Labels, t: number): void {
    this.push(labels, t, Number.NaN, true);
  }

  series(): readonly StoredSeries[] {
    return this.all;
  }

  get sampleCount(): number {
    let n = 0;
    for (const s of this.all) n += s.t.length;
    return n;
  }

  /** Drops every series (the `clear` command of Prometheus's test files). */
  clear(): void {
    this.byKey.clear();
    this.byName.clear();
    this.all.length = 0;
    this.sorted = undefined;
  }

  /**
   * Series matching every matcher (Prometheus semantics: a missing label matches as ""), in
   * label order.
   */
  select(matchers: readonly LabelMatcher[]): StoredSeries[] {
    const nameEq = matchers.find((m) => m.name === '__name__' && m.type === '=');
    const candidates = nameEq ? (this.byName.get(nameEq.value) ?? []) : this.sortedSeries();
    return candidates.filter((s) => matchers.every((m) => matchesLabel(m, s.labels[m.name] ?? '')));
  }

  /** Time range covered by the stored samples, or undefined when empty. */
  timeRange(): { min: number; max: number } | undefined {
    let min = Infinity;
    let max = -Infinity;
    for (const s of this.all) {
      if (s.t.length === 0) continue;
      min = Math.min(min, s.t[0]);
      max = Math.max(max, s.t[s.t.length - 1]);
    }
    return min <= max ? { min, max } : undefined;
  }

  private sortedSeries(): StoredSeries[] {
    if (!this.sorted) this.sorted = [...this.all].sort(compareSeries);
    return this.sorted;
  }

  private push(labels: Labels, t: number, v: number, stale: boolean): void {
    const key = labelsKey(labels);
    let s = this.byKey.get(key);
    if (!s) {
      s = { id: this.all.length, labels: { ...labels }, key, t: [], v: [], stale: [], staleCount: 0 };
      this.byKey.set(key, s);
      this.all.push(s);
      this.sorted = undefined;
      this.indexByName(s);
    }
    const last = s.t.length - 1;
    if (last >= 0 && t < s.t[last]) throw new Error(`out-of-order sample for ${key} at ${t}`);
    if (last >= 0 && t === s.t[last]) {
      s.staleCount += Number(stale) - Number(s.stale[last]);
      s.v[last] = v;
      s.stale[last] = stale;
      return;
    }
    s.t.push(t);
    s.v.push(v);
    s.stale.push(stale);
    if (stale) s.staleCount++;
  }

  private indexByName(s: StoredSeries): void {
    const name = s.labels.__name__ ?? '';
    const list = this.byName.get(name);
    if (!list) {
      this.byName.set(name, [s]);
      return;
    }
    // Keep each name's list in label order; appends of new series are rare after warm-up.
    let i = list.length;
    while (i > 0 && compareSeries(list[i - 1], s) > 0) i--;
    list.splice(i, 0, s);
  }
}

function compareSeries(a: StoredSeries, b: StoredSeries): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
