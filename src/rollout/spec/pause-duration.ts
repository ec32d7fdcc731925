import { parseGoDuration } from '../../util/go-duration.ts';

const INT32_MAX = 2 ** 31 - 1;

/**
 * Seconds of a canary `pause.duration`, exactly like Argo's `RolloutPause.DurationSeconds`
 * (`pkg/apis/rollouts/v1alpha1/types.go`): an int is seconds; a string is first tried as an int32
 * number of seconds (strconv.ParseInt), then as a Go duration truncated to whole seconds; anything
 * else is -1 (which validation reports as "Duration needs to be greater than 0"). Unset is 0.
 */
export function computePauseDurationSeconds(duration: number | string | undefined): number {
  if (duration === undefined) return 0;
  if (typeof duration === 'number') return Math.trunc(duration);
  if (/^[+-]?\d+$/.test(duration)) {
    const seconds = Number.parseInt(duration, 10);
    if (seconds >= -INT32_MAX - 1 && seconds <= INT32_MAX) return seconds;
  }
  const parsed = parseGoDuration(duration);
  return parsed.ok ? Math.trunc(Number(parsed.ns) / 1e9) : -1;
}

/** How Argo prints a pause step (`rolloututil.go:CanaryStepString`): the value as written. */
export function formatPauseDuration(duration: number | string): string {
  return String(duration);
}
