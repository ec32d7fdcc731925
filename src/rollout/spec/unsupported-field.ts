import { z } from 'zod';

/**
 * Schemas for Argo fields that firedrill recognises but does not simulate. A present value is an
 * issue at its own key naming what is supported, so nothing is silently ignored and a typo
 * ("unknown field") reads differently from a known-but-unsupported feature.
 */
export function unsupportedField(message: string) {
  return z
    .unknown()
    .superRefine((value, ctx) => {
      if (value !== undefined) ctx.addIssue({ code: 'custom', message, params: { atKey: true } });
    })
    .optional();
}

/** Like `unsupportedField`, but values for which `isHarmless` holds (e.g. `false`) are accepted. */
export function unsupportedUnless(isHarmless: (value: unknown) => boolean, message: string) {
  return z
    .unknown()
    .superRefine((value, ctx) => {
      if (value !== undefined && !isHarmless(value)) ctx.addIssue({ code: 'custom', message, params: { atKey: true } });
    })
    .optional();
}

export const SUPPORTED_STEPS = 'supported step types: setWeight, pause, analysis, setCanaryScale';
