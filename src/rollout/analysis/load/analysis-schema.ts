/**
 * zod schemas of the analysis kinds, after the CRDs' openAPIV3Schema (../shared/conformance/argo/
 * crds/) and analysis_types.go. Objects are strict: an unknown key is an error, as
 * `kubectl argo rollouts lint` reports it. Argo fields firedrill does not implement are listed
 * here (so they are not "unknown") and rejected by check-analysis-spec.ts with a message saying so.
 * Defaults are applied where each value is read (build/metric-limits.ts), exactly like Argo, so a
 * loaded object round-trips to the YAML it came from.
 */
import { z } from 'zod';

const intOrString = z.union([z.number().int(), z.string()], { error: 'expected an integer or a string' });
const header = z.strictObject({ key: z.string(), value: z.string() });
const unsupported = z.unknown().optional();

export const prometheusSchema = z.strictObject({
  address: z.string().optional(),
  query: z.string().optional(),
  timeout: z.number().int().optional(),
  rangeQuery: z.strictObject({ start: z.string().optional(), end: z.string().optional(), step: z.string().optional() }).optional(),
  headers: unsupported,
  insecure: unsupported,
  authentication: unsupported,
});

export const webSchema = z.strictObject({
  method: z.enum(['GET', 'POST', 'PUT']).optional(),
  url: z.string(),
  headers: z.array(header).optional(),
  body: z.string().optional(),
  jsonBody: z.unknown().optional(),
  timeoutSeconds: z.number().int().optional(),
  jsonPath: z.string().optional(),
  insecure: unsupported,
  authentication: unsupported,
});

/** Fields of each supported provider that Argo has but firedrill does not implement. */
export const UNSUPPORTED_PROVIDER_FIELDS: Record<string, Record<string, string>> = {
  prometheus: {
    headers: 'firedrill queries its MetricSource directly, without HTTP headers',
    insecure: 'firedrill queries its MetricSource directly, without TLS',
    authentication: 'firedrill queries its MetricSource directly, without authentication',
  },
  web: {
    insecure: 'skipping TLS verification is not supported by the web provider',
    authentication: 'OAuth2/basic/sigv4 authentication is not supported by the web provider',
  },
};

export const SUPPORTED_PROVIDERS = ['prometheus', 'web'] as const;
/** Providers Argo knows (analysis_types.go:MetricProvider) but firedrill does not run. */
export const ARGO_ONLY_PROVIDERS = ['kayenta', 'datadog', 'wavefront', 'newRelic', 'job', 'cloudWatch', 'graphite', 'influxdb', 'skywalking', 'plugin'];

export const metricSchema = z.strictObject({
  name: z.string().min(1, 'metric name must not be empty'),
  interval: z.string().optional(),
  initialDelay: z.string().optional(),
  count: intOrString.optional(),
  successCondition: z.string().optional(),
  failureCondition: z.string().optional(),
  failureLimit: intOrString.optional(),
  inconclusiveLimit: intOrString.optional(),
  consecutiveErrorLimit: intOrString.optional(),
  consecutiveSuccessLimit: intOrString.optional(),
  // Checked by hand (check-analysis-spec.ts) to name unsupported providers precisely.
  provider: z.record(z.string(), z.unknown()),
});

export const argumentSchema = z.strictObject({
  name: z.string().min(1, 'arg name must not be empty'),
  value: z.string({ error: 'expected a string (quote numbers, e.g. value: "9090")' }).optional(),
  valueFrom: z
    .strictObject({
      secretKeyRef: z.strictObject({ name: z.string(), key: z.string() }).optional(),
      fieldRef: z.strictObject({ fieldPath: z.string() }).optional(),
      podTemplateHashValue: z.enum(['Stable', 'Latest']).optional(),
    })
    .optional(),
});

const dryRun = z.strictObject({ metricName: z.string() });
const retention = z.strictObject({ metricName: z.string(), limit: z.number().int() });

export const templateSpecSchema = z.strictObject({
  metrics: z.array(metricSchema).optional(),
  args: z.array(argumentSchema).optional(),
  dryRun: z.array(dryRun).optional(),
  measurementRetention: z.array(retention).optional(),
  templates: z.array(z.strictObject({ templateName: z.string(), clusterScope: z.boolean().optional() })).optional(),
});

export const runSpecSchema = z.strictObject({
  metrics: z.array(metricSchema),
  args: z.array(argumentSchema).optional(),
  dryRun: z.array(dryRun).optional(),
  measurementRetention: z.array(retention).optional(),
  terminate: z.boolean().optional(),
  ttlStrategy: z
    .strictObject({
      secondsAfterCompletion: z.number().int().optional(),
      secondsAfterFailure: z.number().int().optional(),
      secondsAfterSuccess: z.number().int().optional(),
    })
    .optional(),
});

export const objectEnvelopeSchema = z.strictObject({
  apiVersion: z.literal('argoproj.io/v1alpha1', { error: 'expected apiVersion argoproj.io/v1alpha1' }),
  kind: z.enum(['AnalysisTemplate', 'ClusterAnalysisTemplate', 'AnalysisRun']),
  metadata: z.looseObject({ name: z.string().min(1), namespace: z.string().optional() }),
  spec: z.unknown(),
  // Observed state written by a controller; firedrill computes its own.
  status: z.unknown().optional(),
});
