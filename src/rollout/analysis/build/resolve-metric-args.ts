/**
 * `{{args.x}}` templating of a whole metric (utils/analysis/factory.go:ResolveMetricArgs,
 * utils/template/template.go:ResolveQuotedArgs / resolve). Argo serialises the metric to JSON,
 * substitutes every `{{ … }}` tag (whitespace trimmed), and parses it back. Substituting inside
 * each string of the parsed object is equivalent (the JSON escaping round-trips), as long as the
 * strings are visited in Go's serialisation order: with several unknown tags, the error names the
 * last one (fasttemplate keeps overwriting `unresolvedErr`).
 */
import type { Argument, Metric } from '../types.ts';

/** Struct field order of the Go types (analysis_types.go), which is json.Marshal's order. */
const FIELD_ORDER: Record<string, string[]> = {
  metric: ['name', 'interval', 'initialDelay', 'count', 'successCondition', 'failureCondition', 'failureLimit',
    'inconclusiveLimit', 'consecutiveErrorLimit', 'provider', 'consecutiveSuccessLimit'],
  provider: ['prometheus', 'web'],
  prometheus: ['address', 'query', 'authentication', 'timeout', 'insecure', 'headers', 'rangeQuery'],
  web: ['method', 'url', 'headers', 'body', 'timeoutSeconds', 'jsonPath', 'insecure', 'jsonBody', 'authentication'],
  rangeQuery: ['start', 'end', 'step'],
  headers: ['key', 'value'],
};

export class UnresolvedArgsError extends Error {}

/** Returns the metric with every placeholder substituted; throws UnresolvedArgsError like Argo. */
export function resolveMetricArgs(metric: Metric, args: Argument[]): Metric {
  const values = new Map<string, string>();
  for (const arg of args) {
    if (arg.value === undefined) throw new UnresolvedArgsError(`argument "${arg.name}" was not supplied`);
    values.set(`args.${arg.name}`, arg.value);
  }
  const state: { error?: string } = {};
  const out = substituteObject(metric as unknown as Record<string, unknown>, 'metric', values, state);
  if (state.error) throw new UnresolvedArgsError(state.error);
  return out as unknown as Metric;
}

/**
 * `type` names the Go struct (its field order is the visiting order); 'leaf' is a typed struct of
 * unknown order; undefined is raw JSON (jsonBody), whose keys are templated too.
 */
function substituteObject(obj: Record<string, unknown>, type: string | undefined, values: Map<string, string>, state: { error?: string }): Record<string, unknown> {
  const order = type ? FIELD_ORDER[type] : undefined;
  const visit = order ? [...order.filter((k) => k in obj), ...Object.keys(obj).filter((k) => !order.includes(k))] : Object.keys(obj);
  const done = new Map<string, [string, unknown]>();
  for (const key of visit) {
    const newKey = type ? key : substituteString(key, values, state);
    done.set(key, [newKey, substituteValue(obj[key], childType(type, key), values, state)]);
  }
  return Object.fromEntries(Object.keys(obj).map((k) => done.get(k) as [string, unknown]));
}

function childType(parent: string | undefined, key: string): string | undefined {
  if (parent === undefined || key === 'jsonBody') return undefined;
  return key in FIELD_ORDER ? key : 'leaf';
}

function substituteValue(v: unknown, type: string | undefined, values: Map<string, string>, state: { error?: string }): unknown {
  if (typeof v === 'string') return substituteString(v, values, state);
  if (Array.isArray(v)) return v.map((x) => substituteValue(x, type, values, state));
  if (typeof v === 'object' && v !== null) return substituteObject(v as Record<string, unknown>, type, values, state);
  return v;
}

/** fasttemplate with `{{`/`}}`: unknown tags become "" and record the error. */
function substituteString(text: string, values: Map<string, string>, state: { error?: string }): string {
  let out = '';
  let rest = text;
  for (;;) {
    const open = rest.indexOf('{{');
    if (open < 0) return out + rest;
    const close = rest.indexOf('}}', open + 2);
    if (close < 0) {
      state.error = `cannot find end tag="}}" in the template=${JSON.stringify(text)} starting from ${JSON.stringify(rest.slice(open + 2))}`;
      return out + rest;
    }
    const tag = rest.slice(open + 2, close);
    const value = values.get(tag.trim());
    if (value === undefined) state.error = `failed to resolve {{${tag}}}`;
    out += rest.slice(0, open) + (value ?? '');
    rest = rest.slice(close + 2);
  }
}
