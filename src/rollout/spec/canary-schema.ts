import { z } from 'zod';
import { backgroundAnalysisSchema, rolloutAnalysisSchema } from './analysis-ref-schema.ts';
import { podMetadataSchema } from './pod-template-schema.ts';
import { SUPPORTED_STEPS, unsupportedField, unsupportedUnless } from './unsupported-field.ts';

/**
 * `spec.strategy.canary` (`types.go:CanaryStrategy`, `CanaryStep`, `RolloutTrafficRouting`).
 * Unknown keys are errors, like `kubectl argo rollouts lint` (strict unmarshalling).
 */
const intOrString = z.union([z.number().int(), z.string()]);
const int = z.number().int();

// The provider blocks configure a mesh or ingress; the drill routes by exact weights instead, so
// their settings are accepted as written (Argo's own validation of them needs the cluster objects).
const provider = z.record(z.string(), z.unknown());

const trafficRoutingSchema = z.strictObject({
  istio: provider.optional(),
  nginx: provider.optional(),
  alb: provider.optional(),
  smi: provider.optional(),
  ambassador: provider.optional(),
  appMesh: provider.optional(),
  traefik: provider.optional(),
  apisix: provider.optional(),
  plugins: provider.optional(),
  managedRoutes: z.array(z.strictObject({ name: z.string() })).optional(),
  maxTrafficWeight: int.optional(),
});

const stepSchema = z.strictObject({
  setWeight: int.optional(),
  pause: z.strictObject({ duration: intOrString.optional() }).nullish(),
  analysis: rolloutAnalysisSchema.optional(),
  setCanaryScale: z
    .strictObject({ weight: int.optional(), replicas: int.optional(), matchTrafficWeight: z.boolean().optional() })
    .optional(),
  experiment: unsupportedField(`experiment steps are not supported yet (${SUPPORTED_STEPS})`),
  setHeaderRoute: unsupportedField(`setHeaderRoute steps are not supported yet (${SUPPORTED_STEPS})`),
  setMirrorRoute: unsupportedField(`setMirrorRoute steps are not supported yet (${SUPPORTED_STEPS})`),
  plugin: unsupportedField(`plugin steps are not supported yet (${SUPPORTED_STEPS})`),
});

export const canarySchema = z.strictObject({
  canaryService: z.string().optional(),
  stableService: z.string().optional(),
  steps: z.array(stepSchema).optional(),
  trafficRouting: trafficRoutingSchema.optional(),
  maxUnavailable: intOrString.optional(),
  maxSurge: intOrString.optional(),
  analysis: backgroundAnalysisSchema.optional(),
  // Pod scheduling and pod labels: no effect on traffic, accepted (Argo's checks in rollout-rules.ts).
  antiAffinity: z
    .strictObject({
      requiredDuringSchedulingIgnoredDuringExecution: z.strictObject({}).optional(),
      preferredDuringSchedulingIgnoredDuringExecution: z.strictObject({ weight: int }).optional(),
    })
    .optional(),
  canaryMetadata: podMetadataSchema.optional(),
  stableMetadata: podMetadataSchema.optional(),
  scaleDownDelaySeconds: int.optional(),
  // How many old ReplicaSets may wait for their scale-down: only pod counts, accepted.
  scaleDownDelayRevisionLimit: int.optional(),
  abortScaleDownDelaySeconds: int.optional(),
  dynamicStableScale: unsupportedUnless(
    (v) => v === false,
    'dynamicStableScale is not supported yet (supported: the stable ReplicaSet stays at full scale during the update)',
  ),
  // Ping-pong swaps two services instead of a canary/stable pair; the traffic split is the same.
  pingPong: z.strictObject({ pingService: z.string(), pongService: z.string() }).optional(),
  minPodsPerReplicaSet: int.optional(),
  replicaProgressThreshold: unsupportedField(
    'replicaProgressThreshold is not supported yet (supported: a step waits until all desired canary pods are available)',
  ),
});
