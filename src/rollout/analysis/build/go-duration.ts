/**
 * Go's time.ParseDuration for Argo's DurationString fields (`interval`, `initialDelay`,
 * `rangeQuery.step`): units ns, us, µs, ms, s, m, h; no days; a sign is allowed; a bare number
 * other than 0 is an error. Returns milliseconds, or undefined when Go would reject the text.
 */
import { parseDuration } from '../../../util/duration.ts';

export function parseGoDuration(text: string): number | undefined {
  if (text !== text.trim() || /[dw]/.test(text)) return undefined;
  const sign = text.startsWith('-') ? -1 : 1;
  const body = text.replace(/^[-+]/, '');
  if (body === '') return undefined;
  const ms = parseDuration(body);
  return ms === undefined ? undefined : sign * ms;
}

/** Go's error text for a duration it cannot parse. */
export function goDurationError(text: string): string {
  return `time: invalid duration "${text}"`;
}
