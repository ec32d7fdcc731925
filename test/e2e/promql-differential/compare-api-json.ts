/**
 * Compares two Prometheus HTTP API answers (/api/v1/query or /query_range bodies) as Prometheus
 * users see them: status and error type, result type, and every series' labels, timestamps and
 * value strings, with results put in one order (Prometheus does not sort them). Value strings
 * must be identical, or agree to `tolerance` (relative): 1e-9 for 2.42, which sums without
 * compensation; for 3.x the caller passes 0 and then looks at `lastDigits` (values within 1e-15,
 * a few ulps: the libm functions, see run-api-differential.ts).
 * Annotations (`warnings`, `infos`) are returned apart: the embedded engine produces almost none.
 */
export interface ApiBody {
  status: 'success' | 'error';
  errorType?: string;
  data?: { resultType: string; result: unknown };
  warnings?: string[];
  infos?: string[];
}

type Point = [number, string];
interface Series {
  metric: Record<string, string>;
  value?: Point;
  values?: Point[];
}

export interface Difference {
  /** `lastDigits`: the values differ by at most a relative 1e-15 (and more than the tolerance). */
  kind: 'mismatch' | 'lastDigits';
  why: string;
}

export function compareApiBodies(ours: ApiBody, theirs: ApiBody, tolerance: number): Difference | undefined {
  const why = findDifference(ours, theirs, tolerance);
  if (why === undefined) return undefined;
  return { kind: findDifference(ours, theirs, 1e-15) === undefined ? 'lastDigits' : 'mismatch', why };
}

function findDifference(ours: ApiBody, theirs: ApiBody, tolerance: number): string | undefined {
  if (ours.status !== theirs.status) return `status ${ours.status} != ${theirs.status} (Prometheus)`;
  if (ours.status === 'error') return ours.errorType === theirs.errorType ? undefined : `errorType ${ours.errorType} != ${theirs.errorType} (Prometheus)`;
  const [a, b] = [ours.data!, theirs.data!];
  if (a.resultType !== b.resultType) return `resultType ${a.resultType} != ${b.resultType} (Prometheus)`;
  if (a.resultType === 'scalar' || a.resultType === 'string') return comparePoints([a.result as Point], [b.result as Point], tolerance);
  const [mine, other] = [sortSeries(a.result as Series[]), sortSeries(b.result as Series[])];
  if (mine.length !== other.length) return `${mine.length} series != ${other.length} (Prometheus): ${JSON.stringify(other.map((s) => s.metric)).slice(0, 300)}`;
  for (let i = 0; i < mine.length; i++) {
    if (JSON.stringify(mine[i].metric) !== JSON.stringify(other[i].metric)) return `series ${JSON.stringify(mine[i].metric)} != ${JSON.stringify(other[i].metric)} (Prometheus)`;
    const why = comparePoints(mine[i].values ?? [mine[i].value!], other[i].values ?? [other[i].value!], tolerance);
    if (why) return `${JSON.stringify(mine[i].metric)}: ${why}`;
  }
  return undefined;
}

/** Annotations Prometheus gave that we did not (and the reverse), one line each. */
export function diffAnnotations(ours: ApiBody, theirs: ApiBody): string[] {
  const mine = new Set([...(ours.warnings ?? []), ...(ours.infos ?? [])]);
  const other = new Set([...(theirs.warnings ?? []), ...(theirs.infos ?? [])]);
  return [...[...other].filter((x) => !mine.has(x)).map((x) => `missing: ${x}`), ...[...mine].filter((x) => !other.has(x)).map((x) => `extra: ${x}`)];
}

function sortSeries(result: Series[]): Series[] {
  return result.map((s) => ({ ...s, metric: Object.fromEntries(Object.entries(s.metric).sort()) }))
    .sort((x, y) => (JSON.stringify(x.metric) < JSON.stringify(y.metric) ? -1 : 1));
}

function comparePoints(mine: Point[], other: Point[], tolerance: number): string | undefined {
  if (mine.length !== other.length) return `${mine.length} points != ${other.length} (Prometheus)`;
  for (let i = 0; i < mine.length; i++) {
    const [[t, v], [u, w]] = [mine[i], other[i]];
    if (t !== u) return `point ${i} at ${t} != ${u} (Prometheus)`;
    if (v !== w && !close(Number(v), Number(w), tolerance)) return `${v} != ${w} (Prometheus) at ${t}`;
  }
  return undefined;
}

function close(a: number, b: number, tolerance: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  return Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));
}
