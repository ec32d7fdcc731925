import { goDurationMs } from '../../util/go-duration.ts';
import { readArray, readRecord } from '../../rollout/spec/raw-access.ts';
import { scaleQueryDurations } from '../local/scale-query-durations.ts';
import type { KubeObject } from './kube/kube-object.ts';

/** Rollout fields in whole seconds that are time the controller waits. */
const SECONDS_FIELDS = ['abortScaleDownDelaySeconds', 'scaleDownDelaySeconds'];

/**
 * At `--time-scale N` the real controller runs on the wall clock, so the objects it reads say
 * what the local backend's compressed clock does for the built-in engine: every wait (pause
 * durations, analysis interval and initial delay, scale-down delays, the progress deadline) and
 * every PromQL range is divided by N. At N = 1 the objects are the stack's, untouched. Changed in
 * place; returns the same objects.
 */
export function compressDurations(objects: KubeObject[], scale: number): KubeObject[] {
  if (scale === 1) return objects;
  for (const obj of objects) {
    if (obj.kind === 'Rollout') compressRollout(obj, scale);
    if (obj.kind === 'AnalysisTemplate' || obj.kind === 'ClusterAnalysisTemplate') compressMetrics(readArray(obj, ['spec', 'metrics']), scale);
  }
  return objects;
}

function compressRollout(rollout: KubeObject, scale: number): void {
  const spec = readRecord(rollout.spec) ?? {};
  if (typeof spec.progressDeadlineSeconds === 'number') spec.progressDeadlineSeconds = scaleSeconds(spec.progressDeadlineSeconds, scale);
  const canary = readRecord(readRecord(spec.strategy)?.canary);
  if (!canary) return;
  for (const field of SECONDS_FIELDS) if (typeof canary[field] === 'number') canary[field] = scaleSeconds(canary[field] as number, scale);
  for (const step of readArray(canary, ['steps'])) {
    const pause = readRecord(readRecord(step)?.pause);
    if (pause?.duration === undefined) continue;
    // Argo reads an int-or-string: a number of seconds, or a Go duration (a bare "30" is seconds too).
    const ms = typeof pause.duration === 'number' ? pause.duration * 1000 : /^\d+$/.test(String(pause.duration)) ? Number(pause.duration) * 1000 : goDurationMs(String(pause.duration));
    if (ms !== undefined) pause.duration = scaleSeconds(ms / 1000, scale);
  }
}

function compressMetrics(metrics: unknown[], scale: number): void {
  for (const m of metrics) {
    const metric = readRecord(m);
    if (!metric) continue;
    for (const field of ['interval', 'initialDelay']) {
      const ms = typeof metric[field] === 'string' ? goDurationMs(metric[field] as string) : undefined;
      if (ms !== undefined) metric[field] = `${Math.max(1, Math.round(ms / scale))}ms`;
    }
    const prometheus = readRecord(readRecord(metric.provider)?.prometheus);
    // `@` timestamps cannot occur in a template's query (Argo evaluates at its own now): identity.
    if (typeof prometheus?.query === 'string') prometheus.query = scaleQueryDurations(prometheus.query, scale, (s) => s);
  }
}

/** Whole seconds, at least 1 (Argo's fields are int32 seconds). */
function scaleSeconds(seconds: number, scale: number): number {
  return seconds <= 0 ? seconds : Math.max(1, Math.round(seconds / scale));
}
