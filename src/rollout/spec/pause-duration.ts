import { parseGoDuration } from './go-duration.ts';

/**
 * Seconds of a canary `pause.duration`, exactly like Argo's `RolloutPause.DurationSeconds`
 * (`pkg/apis/rollouts/v1alpha1/types.go`): an int is seconds; a string is first tried as an
 * integer number of seconds, then as a Go duration truncated to whole seconds; anything else is
 * -1 (which validation reports as "Duration needs to be greater than 0"). Unset is 0.
 */
export function computePauseDurationSeconds(duration: number | string | undefined): number {
  if (duration === undefined) return 0;
  if (typeof duration === 'number') return Math.trunc(duration);
  if (/^[+-]?\d+$/.test(duration)) return Number.parseInt(duration, 10);
  const ms = parseGoDuration(duration);
  if (ms === undefined) return -1;
  return Math.trunc(ms / 1000);
}

/** How Argo prints a pause step (`rolloututil.go:CanaryStepString`): the value as written. */
export function formatPauseDuration(duration: number | string): string {
  return String(duration);
}
