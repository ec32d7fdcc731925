/**
 * The `web` provider (metricproviders/webmetric/webmetric.go) with Node's fetch: GET by default,
 * POST/PUT with `body` or `jsonBody`, headers, `timeoutSeconds` (default 10, wall time like Go's
 * http.Client), a non-2xx status is an Error, a JSON body is searched with the k8s `jsonPath`
 * (default `{$}`), a non-JSON body is evaluated as a plain string.
 */
import { bindJson, bindString, type BoundResult } from '../expr/bound-result.ts';
import { evaluateResult } from '../evaluate/evaluate-result.ts';
import type { Measurement, Metric, WebMetric } from '../types.ts';
import { marshalGoJson } from './go-json.ts';
import { findJsonPathResults, parseK8sJsonPath, type JsonPathSegment } from './k8s-json-path.ts';
import { errorMeasurement, type MeasureContext, type MetricProviderImpl } from './metric-provider.ts';

export type FetchImpl = typeof fetch;

const DEFAULT_TIMEOUT_S = 10;

export function createWebProvider(metric: Metric, fetchImpl: FetchImpl = fetch): MetricProviderImpl {
  const web = metric.provider.web as WebMetric;
  const path = parseK8sJsonPath(web.jsonPath || '{$}');
  return { type: 'Web', metadata: () => undefined, run: (ctx) => runRequest(metric, web, path, fetchImpl, ctx) };
}

async function runRequest(metric: Metric, web: WebMetric, path: JsonPathSegment[], fetchImpl: FetchImpl, ctx: MeasureContext): Promise<Measurement> {
  const startedAt = ctx.clock.now();
  const fail = (message: string): Measurement => errorMeasurement(startedAt, ctx.clock.now(), message);
  const method = web.method || 'GET';
  const hasJsonBody = web.jsonBody !== undefined && web.jsonBody !== null;
  if (web.body && hasJsonBody) return fail('use either Body or JSONBody; both cannot exists for WebMetric payload');
  if ((web.body || hasJsonBody) && method === 'GET') return fail('Body/JSONBody can only be used with POST or PUT WebMetric Method types');
  const headers = new Headers();
  for (const h of web.headers ?? []) headers.set(h.key, h.value);
  if (hasJsonBody) headers.set('Content-Type', 'application/json');
  const timeoutS = web.timeoutSeconds && web.timeoutSeconds > 0 ? web.timeoutSeconds : DEFAULT_TIMEOUT_S;
  let status: number;
  let text: string;
  try {
    const res = await fetchImpl(web.url, {
      method,
      headers,
      body: web.body || (hasJsonBody ? JSON.stringify(web.jsonBody) : undefined),
      signal: AbortSignal.timeout(timeoutS * 1000),
    });
    status = res.status;
    text = await res.text();
  } catch (err) {
    return fail(describeFetchError(method, web.url, err));
  }
  if (status < 200 || status >= 300) return fail(`received non 2xx response code: ${status}`);
  const found = selectResult(text, path);
  if ('error' in found) return fail(found.error);
  const judged = evaluateResult(found.result, metric, ctx.clock.now());
  if (judged.phase === 'Error') return fail(judged.error ?? '');
  return { phase: judged.phase, startedAt, finishedAt: ctx.clock.now(), value: found.value };
}

/** webmetric.go:parseResponse + getValue. */
function selectResult(text: string, path: JsonPathSegment[]): { result: BoundResult; value: string } | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { result: bindString(text), value: text };
  }
  let results: unknown[];
  try {
    results = findJsonPathResults(data, path);
  } catch (err) {
    return { error: `Could not find JSONPath in body: ${(err as Error).message}` };
  }
  if (results.length === 0) return { error: 'result of web metric produced no value' };
  return { result: bindJson(results[0]), value: marshalGoJson(results[0]) };
}

/** Go's url.Error text: `Get "http://…": <cause>`. */
function describeFetchError(method: string, url: string, err: unknown): string {
  const op = method.charAt(0) + method.slice(1).toLowerCase();
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return `${op} "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`;
  }
  const cause = e?.cause?.code === 'ECONNREFUSED' ? 'connect: connection refused' : (e?.cause?.message ?? e?.message ?? String(err));
  return `${op} "${url}": ${cause}`;
}
