import { z } from 'zod';
import { canarySchema } from './canary-schema.ts';
import { labelSelectorSchema, podTemplateSchema, stringMap } from './pod-template-schema.ts';
import { unsupportedField } from './unsupported-field.ts';

/**
 * The Rollout document (`types.go:Rollout`, `RolloutSpec`). Structure only; Argo's semantic checks
 * (`validation.go:ValidateRolloutSpec`) are in rollout-rules.ts and run on the raw document even
 * when this schema fails, so every problem is reported at once.
 */
const int = z.number().int();

const metadataSchema = z.looseObject({
  name: z.string().min(1),
  namespace: z.string().optional(),
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
});

const specSchema = z.strictObject({
  replicas: int.optional(),
  selector: labelSelectorSchema.optional(),
  template: podTemplateSchema.optional(),
  workloadRef: z
    .strictObject({
      apiVersion: z.string(),
      kind: z.string(),
      name: z.string(),
      scaleDown: z.enum(['never', 'onsuccess', 'progressively']).optional(),
    })
    .optional(),
  minReadySeconds: int.optional(),
  rollbackWindow: unsupportedField('rollbackWindow is not supported yet (supported: a rollback is a new update to the old revision, which skips the steps)'),
  strategy: z
    .strictObject({
      canary: canarySchema.optional(),
      blueGreen: unsupportedField('the blue-green strategy is not supported yet (supported: spec.strategy.canary)'),
    })
    .optional(),
  // Old ReplicaSets kept for rollback: no effect on traffic, accepted.
  revisionHistoryLimit: int.optional(),
  paused: z.boolean().optional(),
  progressDeadlineSeconds: int.optional(),
  progressDeadlineAbort: z.boolean().optional(),
  restartAt: unsupportedField('restartAt (restarting pods) is not supported yet'),
  // How many completed AnalysisRun objects to keep: no effect on a drill, accepted.
  analysis: z
    .strictObject({ successfulRunHistoryLimit: int.optional(), unsuccessfulRunHistoryLimit: int.optional() })
    .optional(),
});

export const rolloutDocumentSchema = z.strictObject({
  apiVersion: z.literal('argoproj.io/v1alpha1'),
  kind: z.literal('Rollout'),
  metadata: metadataSchema,
  spec: specSchema,
  // A recorded object's status is what a controller wrote; it is not input.
  status: z.unknown().optional(),
});

export type RolloutDocument = z.output<typeof rolloutDocumentSchema>;
