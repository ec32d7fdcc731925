import { z } from 'zod';
import { stringMap } from './pod-template-schema.ts';

/** Rollout-side analysis blocks (`types.go:RolloutAnalysis`, `RolloutAnalysisBackground`). */
const templateRef = z.strictObject({
  templateName: z.string().min(1),
  clusterScope: z.boolean().optional(),
});

const runArgument = z.strictObject({
  name: z.string().min(1),
  value: z.string().optional(),
  valueFrom: z
    .strictObject({
      podTemplateHashValue: z.enum(['Stable', 'Latest']).optional(),
      fieldRef: z.strictObject({ fieldPath: z.string().min(1) }).optional(),
    })
    .optional(),
});

const analysisFields = {
  templates: z.array(templateRef).optional(),
  args: z.array(runArgument).optional(),
  dryRun: z.array(z.strictObject({ metricName: z.string() })).optional(),
  measurementRetention: z.array(z.strictObject({ metricName: z.string(), limit: z.number().int() })).optional(),
  // Labels/annotations on the AnalysisRun objects: nothing in a drill reads them.
  analysisRunMetadata: z.strictObject({ labels: stringMap.optional(), annotations: stringMap.optional() }).optional(),
};

export const rolloutAnalysisSchema = z.strictObject(analysisFields);

export const backgroundAnalysisSchema = z.strictObject({
  ...analysisFields,
  startingStep: z.number().int().optional(),
});
