import { z } from 'zod';

/**
 * The pod template and selector. firedrill never runs the pod template (the scenario's testbed
 * revision decides what runs), so only what it can check faithfully is checked: label maps, the
 * selector shape, and resource quantities, with Kubernetes' own messages. Other pod-spec keys
 * belong to Kubernetes and are passed through.
 */
export const stringMap = z.record(z.string(), z.string());

// apimachinery resource.Quantity (`k8s.io/apimachinery/pkg/api/resource/quantity.go`).
const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const QUANTITY_MESSAGE = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const quantity = z.union([z.number(), z.string().regex(QUANTITY, QUANTITY_MESSAGE)]);

const resources = z.looseObject({
  requests: z.record(z.string(), quantity).optional(),
  limits: z.record(z.string(), quantity).optional(),
});

const container = z.looseObject({
  name: z.string(),
  image: z.string().optional(),
  resources: resources.optional(),
});

export const podMetadataSchema = z.looseObject({
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
});

export const podTemplateSchema = z.looseObject({
  metadata: podMetadataSchema.nullish(),
  spec: z
    .looseObject({
      containers: z.array(container).optional(),
      initContainers: z.array(container).optional(),
    })
    .optional(),
});

export const labelSelectorSchema = z.strictObject({
  matchLabels: stringMap.optional(),
  matchExpressions: z
    .array(
      z.strictObject({
        key: z.string(),
        operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
        values: z.array(z.string()).optional(),
      }),
    )
    .optional(),
});
