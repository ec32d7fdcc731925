/**
 * `intstr.IntOrString` values of `maxSurge` / `maxUnavailable` ("25%" or 1), read the way Argo's
 * validation reads them (`pkg/apis/rollouts/validation/validation.go:getIntOrPercentValue`).
 */
export type IntOrPercent = number | string;

const PERCENT = /^[0-9]+%$/;

export function isValidIntOrPercent(value: IntOrPercent): boolean {
  return typeof value === 'number' ? Number.isInteger(value) : PERCENT.test(value) || /^[0-9]+$/.test(value);
}

/** The number before "%" for a percent, the int otherwise (0 for junk, as Go's IntValue does). */
export function readIntOrPercentValue(value: IntOrPercent): number {
  if (typeof value === 'number') return value;
  if (PERCENT.test(value)) return Number.parseInt(value.slice(0, -1), 10);
  const n = Number.parseInt(value, 10);
  return Number.isNaN(n) ? 0 : n;
}
