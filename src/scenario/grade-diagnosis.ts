import { addedText, parseUnifiedDiff, pathOf, type DiffHunk } from '../util/unified-diff.ts';
import type { ScenarioTruth } from './scenario-schema.ts';

/** What a diagnosis claims, as far as grading needs it (the agents' Diagnosis fits this). */
export interface ClaimedCause {
  service: string;
  faultClass: string;
  culprit?: { file: string; line?: number; text?: string };
}

/**
 * How good a diagnosis is, against the scenario's ground truth (AIOpsLab/ITBench style):
 *   exact    right service, fault class and culprit hunk
 *   partial  right service, but the class or the hunk is off
 *   wrong    names another service: it sends the reader the wrong way
 *   none     no diagnosis
 */
export type DiagnosisQuality = 'exact' | 'partial' | 'wrong' | 'none';

export interface DiagnosisGrade {
  quality: DiagnosisQuality;
  /** 0..1: a third each for service, fault class and culprit (the right file alone earns half its third). */
  score: number;
  service: boolean;
  faultClass: boolean;
  /** hunk: the offending hunk; file: the right file, another (or no) hunk; wrong: another file; none: not named. */
  culprit: 'hunk' | 'file' | 'wrong' | 'none';
  /** One line per criterion that failed, for the scorecard. */
  reasons: string[];
}

/** A quote must be this long to identify a hunk (a lone `}` or `x` quotes nothing). */
const MIN_QUOTE = 6;

/**
 * Grades a claimed cause against a bad scenario's truth and the deploy's diff. The culprit
 * hunk is the hunk of `truth.culprit.file` whose added lines contain `truth.culprit.contains`;
 * a claim names it by a line inside its new-side range or by quoting its added text.
 */
export function gradeDiagnosis(claim: ClaimedCause | undefined, truth: Extract<ScenarioTruth, { bad: true }>, diff: string): DiagnosisGrade {
  if (!claim) return { quality: 'none', score: 0, service: false, faultClass: false, culprit: 'none', reasons: ['no diagnosis'] };
  const reasons: string[] = [];
  const service = claim.service === truth.service;
  if (!service) reasons.push(`named service ${claim.service}, the cause is in ${truth.service}`);
  const faultClass = claim.faultClass === truth.faultClass;
  if (!faultClass) reasons.push(`named fault class ${claim.faultClass}, it is ${truth.faultClass}`);
  const culprit = gradeCulprit(claim.culprit, truth.culprit, diff);
  if (culprit === 'none') reasons.push('named no culprit file');
  else if (culprit === 'wrong') reasons.push(`named ${claim.culprit!.file}, the culprit is in ${truth.culprit.file}`);
  else if (culprit === 'file') reasons.push(`right file (${truth.culprit.file}), not the offending hunk`);
  const score = (Number(service) + Number(faultClass) + (culprit === 'hunk' ? 1 : culprit === 'file' ? 0.5 : 0)) / 3;
  const quality: DiagnosisQuality = !service ? 'wrong' : faultClass && culprit === 'hunk' ? 'exact' : 'partial';
  return { quality, score, service, faultClass, culprit, reasons };
}

function gradeCulprit(
  claimed: ClaimedCause['culprit'],
  truth: { file: string; contains: string },
  diff: string,
): DiagnosisGrade['culprit'] {
  if (!claimed) return 'none';
  if (normalizePath(claimed.file) !== normalizePath(truth.file)) return 'wrong';
  const hunk = findCulpritHunk(diff, truth);
  if (!hunk) return 'file';
  const { line, text } = claimed;
  const lineHits = line !== undefined && line >= hunk.newStart && line < hunk.newStart + Math.max(1, hunk.newLines);
  const quote = text?.trim() ?? '';
  const textHits = quote.length >= MIN_QUOTE && quote.split('\n').every((l) => addedText(hunk).includes(l.trim()));
  return lineHits || textHits ? 'hunk' : 'file';
}

/** The hunk of the culprit file whose added lines contain the truth's quote. */
export function findCulpritHunk(diff: string, truth: { file: string; contains: string }): DiffHunk | undefined {
  const file = parseUnifiedDiff(diff).files.find((f) => normalizePath(pathOf(f)) === normalizePath(truth.file));
  return file?.hunks.find((h) => addedText(h).includes(truth.contains.trim()));
}

function normalizePath(p: string): string {
  return p.replace(/^(\.\/|[ab]\/)/, '');
}
