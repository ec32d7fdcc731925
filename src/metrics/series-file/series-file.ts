import { UserInputError } from '../../util/index.ts';
import { parseDurationLiteral } from '../promql/parse/literals.ts';
import { Tsdb } from '../tsdb.ts';
import { parseSeriesLine } from './load-notation.ts';
import { parseOpenMetrics } from './openmetrics.ts';

/**
 * Loads a series file into a TSDB: either the `load <interval>` notation of Prometheus's PromQL
 * test files (times from 0, several blocks allowed) or OpenMetrics text with timestamps.
 */
export function loadSeriesFile(text: string, file = 'series file'): Tsdb {
  const tsdb = new Tsdb();
  const first = text.split('\n').map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('#'));
  if (first && /^load(_with_nhcb)?\s/i.test(first)) loadNotation(tsdb, text, file);
  else for (const s of sortSamples(parseOpenMetrics(text, file))) tsdb.append(s.labels, s.t, s.v);
  return tsdb;
}

function sortSamples<T extends { t: number }>(samples: T[]): T[] {
  return [...samples].sort((a, b) => a.t - b.t);
}

function loadNotation(tsdb: Tsdb, text: string, file: string): void {
  const pending: { labels: Record<string, string>; t: number; v: number | 'stale' }[] = [];
  let interval: number | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const load = /^load(?:_with_nhcb)?\s+(\S+)$/i.exec(line);
    if (load) {
      interval = parseDurationLiteral(load[1]);
      if (interval === undefined) throw new UserInputError(`${file}:${i + 1}: invalid load interval ${JSON.stringify(load[1])}`);
      return;
    }
    if (interval === undefined) throw new UserInputError(`${file}:${i + 1}: series line before any "load <interval>" line`);
    let series;
    try {
      series = parseSeriesLine(line);
    } catch (err) {
      throw new UserInputError(`${file}:${i + 1}: ${(err as Error).message}`);
    }
    series.values.forEach((v, k) => {
      if (v.kind === 'histogram') {
        throw new UserInputError(`${file}:${i + 1}: native histogram samples ({{...}}) are not supported`, {
          hint: 'the embedded engine stores float samples only; write classic histograms as _bucket/_sum/_count series',
        });
      }
      if (v.kind === 'value') pending.push({ labels: { ...series.labels }, t: k * interval!, v: v.v });
      if (v.kind === 'stale') pending.push({ labels: { ...series.labels }, t: k * interval!, v: 'stale' });
    });
  });
  for (const s of sortSamples(pending)) {
    if (s.v === 'stale') tsdb.markStale(s.labels, s.t);
    else tsdb.append(s.labels, s.t, s.v);
  }
}
