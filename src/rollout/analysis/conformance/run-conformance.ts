/**
 * Runs a whole case file (the format of ../shared/conformance/argo/analysis-cases.json) and
 * summarises passed/failed per kind. Library code: it returns the report, the CLI prints it.
 */
import { readFile } from 'node:fs/promises';
import { mustBeOneOf } from '../../../config/one-of.ts';
import { UserInputError } from '../../../util/errors.ts';
import { CASE_KINDS, type CaseKind, type CaseResult, type ConformanceCase } from './case-types.ts';
import { runConformanceCase } from './run-case.ts';

export interface ConformanceReport {
  file: string;
  byKind: Record<CaseKind, { passed: number; failed: number }>;
  results: CaseResult[];
  passed: boolean;
}

export async function loadConformanceCases(file: string): Promise<ConformanceCase[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UserInputError(`cannot read case file ${file}: ${(err as Error).message}`, { cause: err });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UserInputError(`${file} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  if (!Array.isArray(data)) throw new UserInputError(`${file}: expected a JSON array of cases`);
  data.forEach((c, i) => {
    const kind = (c as { kind?: unknown })?.kind;
    if (typeof (c as { id?: unknown })?.id !== 'string' || !CASE_KINDS.includes(kind as CaseKind)) {
      throw new UserInputError(`${file}: case ${i} needs a string id, and its kind ${mustBeOneOf(CASE_KINDS)}`);
    }
  });
  return data as ConformanceCase[];
}

export async function runConformanceFile(file: string): Promise<ConformanceReport> {
  const cases = await loadConformanceCases(file);
  const results: CaseResult[] = [];
  for (const c of cases) results.push(await runConformanceCase(c));
  const byKind = Object.fromEntries(CASE_KINDS.map((k) => [k, { passed: 0, failed: 0 }])) as ConformanceReport['byKind'];
  for (const r of results) byKind[r.kind][r.passed ? 'passed' : 'failed']++;
  return { file, byKind, results, passed: results.every((r) => r.passed) };
}
