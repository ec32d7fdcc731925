/**
 * What a proposed fix is, as firedrill reads it from the diff (never from the agent's claim).
 * Three groups: red flags (the patch itself is suspect), forbidden classes (what no bot may
 * change alone), and measured classes (what a policy may allow within bounds). A proposal gets
 * every class any of its changes has; the policy decides on the whole set.
 */
export const RED_FLAG_CLASSES = ['oversize', 'unparseable', 'path-outside-repo', 'symlink', 'binary', 'mode-change'] as const;

export const FORBIDDEN_CLASSES = ['policy', 'rbac', 'secrets', 'traffic-routing', 'ci-config', 'tests'] as const;

export const MEASURED_CLASSES = [
  'revert-of-offending',
  'threshold-widen',
  'threshold-tighten',
  'retry-change',
  'timeout-change',
  'flag-off',
  'flag-on',
  'scale',
  'log-level',
  'log-suppression',
  'restart',
] as const;

/** Changes firedrill recognizes but does not measure: always a human's call under the default policy. */
export const REVIEW_CLASSES = ['analysis-change', 'code-change', 'config-change', 'docs', 'other-change'] as const;

export type RedFlagClass = (typeof RED_FLAG_CLASSES)[number];
export type ForbiddenClass = (typeof FORBIDDEN_CLASSES)[number];
export type ProposalClass = RedFlagClass | ForbiddenClass | (typeof MEASURED_CLASSES)[number] | (typeof REVIEW_CLASSES)[number];

export const ALL_CLASSES: readonly ProposalClass[] = [...RED_FLAG_CLASSES, ...FORBIDDEN_CLASSES, ...MEASURED_CLASSES, ...REVIEW_CLASSES];

/**
 * A factor that cannot be a ratio (a threshold raised from 0, a limit from nothing). Kept finite
 * so the entry survives JSON (OPA's input) and compares as "far past any bound" in every engine;
 * a missing factor would be undefined in Rego but `null` in JSON, which sorts below numbers.
 */
export const UNBOUNDED_FACTOR = 1e9;

/** The file of a finding about the patch as a whole (its size, its syntax). */
export const WHOLE_PATCH = '(patch)';

export interface ClassEntry {
  class: ProposalClass;
  /** Repository path the change is in, or WHOLE_PATCH. */
  file: string;
  /** What exactly changed, for a reader: "max-error-ratio 0.05 -> 0.5 (x10)". */
  detail: string;
  /** How many times looser (thresholds: > 1 widens) or bigger (scale, timeouts). */
  factor?: number;
  from?: number;
  to?: number;
  /** The classifier rule that found it (src/policy/classify/classify-rules.ts). */
  rule: string;
}

export interface Classification {
  classes: ClassEntry[];
  /** What could not be read or applied, in words. Each also yields a red-flag class. */
  problems: string[];
}

/** A ratio rounded for reading and comparing across engines; past 1e6 it is unbounded. */
export function roundFactor(ratio: number): number {
  if (!Number.isFinite(ratio) || ratio > 1e6) return UNBOUNDED_FACTOR;
  return Math.round(ratio * 1e4) / 1e4;
}

/** `x1.6`, `x10`, or `unbounded` for the detail text. */
export function formatFactor(factor: number): string {
  return factor >= UNBOUNDED_FACTOR ? 'unbounded' : `x${factor}`;
}
