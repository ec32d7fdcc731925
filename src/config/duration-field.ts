import { z } from 'zod';
import { GO_DURATION_UNITS, parseGoDuration } from '../util/go-duration.ts';
import type { PathIssue, YamlPath } from './path-issue.ts';

/**
 * Duration fields of every file kind, read with the one Go duration parser: Argo's fields with
 * Go's units, firedrill's own with `d` and `w` added, Prometheus rule files with Prometheus's
 * stricter grammar on top. A malformed duration gets Go's error and the same hint in every loader.
 */
export const DURATION_HINT = 'write a number and a unit, e.g. 250ms, 30s, 5m or 1h30m';

export interface DurationGrammar {
  /** The unit table of Go's grammar for this field. */
  units: Readonly<Record<string, bigint>>;
  /** Why a text Go's grammar accepts is still wrong for this field (e.g. negative), else undefined. */
  restrict?: (text: string, ns: bigint) => string | undefined;
}

export const GO_DURATION: DurationGrammar = { units: GO_DURATION_UNITS };

export type DurationCheck = { ok: true; ms: number } | { ok: false; message: string; hint: string };

export function checkDuration(text: string, grammar: DurationGrammar = GO_DURATION): DurationCheck {
  const parsed = parseGoDuration(text, grammar.units);
  if (!parsed.ok) return { ok: false, message: parsed.error, hint: DURATION_HINT };
  const why = grammar.restrict?.(text, parsed.ns);
  return why === undefined ? { ok: true, ms: parsed.ms } : { ok: false, message: why, hint: DURATION_HINT };
}

/** Milliseconds of a duration that already passed `checkDuration` (or its schema). */
export function toDurationMs(text: string, grammar: DurationGrammar = GO_DURATION): number {
  const checked = checkDuration(text, grammar);
  if (!checked.ok) throw new Error(`internal: unchecked duration ${JSON.stringify(text)}: ${checked.message}`);
  return checked.ms;
}

/** The issue for a duration at `path`, or undefined when it is fine. */
export function findDurationIssue(path: YamlPath, text: string, grammar: DurationGrammar = GO_DURATION): PathIssue | undefined {
  const checked = checkDuration(text, grammar);
  return checked.ok ? undefined : { path, message: checked.message, hint: checked.hint };
}

/** A zod string schema for a duration field: kept as text, so the JSON Schema shows a string. */
export function durationField(grammar: DurationGrammar = GO_DURATION) {
  return z.string().superRefine((text, ctx) => {
    const checked = checkDuration(text, grammar);
    if (!checked.ok) ctx.addIssue({ code: 'custom', message: checked.message, params: { hint: checked.hint } });
  });
}
