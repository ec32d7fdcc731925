import { readFileSync } from 'node:fs';
import { InfraError, UserInputError } from '../../util/errors.ts';
import { findExecutable } from '../../util/find-executable.ts';
import { planPrometheus, type PrometheusPlan, type PrometheusProbes } from './prometheus-plan.ts';

/** What a user chooses for a `local` run (CLI: --time-scale, --load, --prometheus, --prometheus-image, --keep). */
export interface LocalOptions {
  /** Virtual ms per real ms: 10 runs a 30-minute drill in 3 minutes. A positive integer; default 1. */
  timeScale?: number;
  /** 'builtin' (default): the built-in open-model generator; 'k6': drive the k6 binary. */
  load?: 'builtin' | 'k6';
  /**
   * 'auto' (default): Prometheus when it is on PATH, else in a container when a Docker engine is
   * found, else the embedded scraper; 'off': embedded; 'container': a container; or a binary's path.
   */
  prometheus?: string;
  /** The container's image (default: see planPrometheus). */
  prometheusImage?: string;
  /** Leave the Prometheus container and its TSDB after the run. */
  keep?: boolean;
}

export interface ResolvedLocalOptions {
  timeScale: number;
  load: { kind: 'builtin' } | { kind: 'k6'; binary: string };
  /** How the real Prometheus runs (host binary or container), or undefined for the embedded scraper. */
  prometheus: PrometheusPlan | undefined;
  /** Real ms between scrapes: the stack's interval compressed, never under 1 s. */
  scrapeIntervalMs: number;
  /** Real ms: Prometheus's 5 m lookback compressed (never under two scrapes). */
  lookbackDeltaMs: number;
  /** Real ms: the default subquery step (Prometheus's evaluation interval, 1 m) compressed. */
  evaluationIntervalMs: number;
  /** Why the metrics backend is not the one asked for, when it is not. */
  metricsNote?: string;
}

export const MIN_SCRAPE_INTERVAL_MS = 1000;
const MAX_TIME_SCALE = 1000;

/**
 * `stack` is what of the stack matters here: its scrape interval, and its alert rule file (a
 * rule file with recording rules needs a TSDB the harness can write: the embedded one).
 */
export function resolveLocalOptions(opts: LocalOptions, stack: { scrapeIntervalMs: number; alertRulesFile?: string }, probes?: PrometheusProbes): ResolvedLocalOptions {
  const timeScale = opts.timeScale ?? 1;
  if (!Number.isInteger(timeScale) || timeScale < 1 || timeScale > MAX_TIME_SCALE) {
    throw new UserInputError(`--time-scale must be a whole number from 1 to ${MAX_TIME_SCALE}, got ${timeScale}`, {
      hint: 'e.g. --time-scale 10 runs a 30-minute drill in 3 minutes',
    });
  }
  const scrapeIntervalMs = Math.max(MIN_SCRAPE_INTERVAL_MS, stack.scrapeIntervalMs / timeScale);
  const choice = opts.prometheus ?? 'auto';
  let prometheus = planPrometheus(opts, probes);
  let metricsNote: string | undefined;
  if (prometheus && hasRecordingRules(stack.alertRulesFile)) {
    // The rule evaluator runs in the harness and writes recorded series into a TSDB; a real
    // Prometheus cannot take them, and alerts reading them would never fire.
    metricsNote = `${stack.alertRulesFile} has recording rules, which the harness can only write into the embedded TSDB`;
    if (choice === 'auto') prometheus = undefined;
    else metricsNote += ': alerts that read recorded series will not fire';
  }
  return {
    timeScale,
    load: resolveLoad(opts.load ?? 'builtin'),
    prometheus,
    ...(metricsNote ? { metricsNote } : {}),
    scrapeIntervalMs,
    lookbackDeltaMs: Math.max(300_000 / timeScale, 2 * scrapeIntervalMs),
    evaluationIntervalMs: Math.max(MIN_SCRAPE_INTERVAL_MS, 60_000 / timeScale),
  };
}

function hasRecordingRules(file: string | undefined): boolean {
  if (!file) return false;
  try {
    return /^\s*(-\s*)?record\s*:/m.test(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
}

function resolveLoad(load: string): ResolvedLocalOptions['load'] {
  if (load === 'builtin') return { kind: 'builtin' };
  if (load !== 'k6') throw new UserInputError(`--load must be builtin or k6, got ${JSON.stringify(load)}`);
  const binary = findExecutable('k6');
  if (!binary) {
    throw new InfraError('--load k6: the k6 binary is not on PATH', { hint: 'install k6 (https://k6.io), or leave out --load to use the built-in generator' });
  }
  return { kind: 'k6', binary };
}
