import { labelsKey, type Labels } from './labels.ts';

/**
 * In-memory time-series store: what Prometheus's head block is to a drill. Samples are appended
 * in time order per series (as a scraper does). A staleness marker (Prometheus writes a special
 * NaN when a target or series disappears) is stored as a flag beside the sample, because JS does
 * not reliably keep NaN payload bits.
 */
export interface StoredSeries {
  readonly id: number;
  readonly labels: Labels;
  readonly t: number[];
  readonly v: number[];
  /** stale[i] is true when sample i is a staleness marker (its v is NaN). */
  readonly stale: boolean[];
}

export interface LabelMatcher {
  name: string;
  type: '=' | '!=' | '=~' | '!~';
  value: string;
}

export class Tsdb {
  private readonly byKey = new Map<string, StoredSeries>();
  private readonly all: StoredSeries[] = [];
  private regexCache = new Map<string, RegExp>();

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

  /** Series matching every matcher (Prometheus semantics: a missing label matches as ""). */
  select(matchers: readonly LabelMatcher[]): StoredSeries[] {
    return this.all.filter((s) => matchers.every((m) => this.matches(m, s.labels[m.name] ?? '')));
  }

  private matches(m: LabelMatcher, value: string): boolean {
    switch (m.type) {
      case '=':
        return value === m.value;
      case '!=':
        return value !== m.value;
      case '=~':
        return this.regex(m.value).test(value);
      case '!~':
        return !this.regex(m.value).test(value);
    }
  }

  /** Prometheus regex matchers are fully anchored. */
  private regex(source: string): RegExp {
    let re = this.regexCache.get(source);
    if (!re) {
      re = new RegExp(`^(?:${source})$`, 's');
      this.regexCache.set(source, re);
    }
    return re;
  }

  private push(labels: Labels, t: number, v: number, stale: boolean): void {
    const key = labelsKey(labels);
    let s = this.byKey.get(key);
    if (!s) {
      s = { id: this.all.length, labels: { ...labels }, t: [], v: [], stale: [] };
      this.byKey.set(key, s);
      this.all.push(s);
    }
    const last = s.t.length - 1;
    if (last >= 0 && t < s.t[last]) throw new Error(`out-of-order sample for ${key} at ${t}`);
    if (last >= 0 && t === s.t[last]) {
      s.v[last] = v;
      s.stale[last] = stale;
      return;
    }
    s.t.push(t);
    s.v.push(v);
    s.stale.push(stale);
  }
}
