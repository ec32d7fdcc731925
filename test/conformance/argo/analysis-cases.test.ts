import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConformanceCase, type ConformanceCase } from '../../../src/rollout/analysis/conformance/index.ts';
import { HAS_SHARED, SHARED_DIR } from '../../helpers/paths.ts';

// The Argo analysis semantics (SEMANTICS.md §11) as executable cases, read from ../shared.
const CASE_FILE = resolve(SHARED_DIR, 'conformance/argo/analysis-cases.json');
const cases: ConformanceCase[] = HAS_SHARED ? (JSON.parse(readFileSync(CASE_FILE, 'utf8')) as ConformanceCase[]) : [];

describe('Argo analysis conformance (analysis-cases.json)', () => {
  if (!HAS_SHARED) {
    it.skip(`skipped: ${SHARED_DIR} is absent (the shared conformance data lives beside the checkout)`, () => {});
    return;
  }
  for (const c of cases) {
    it(`${c.kind}: ${c.id}`, async () => {
      const result = await runConformanceCase(c);
      expect(result.error).toBeUndefined();
      expect(result.mismatches).toEqual([]);
    });
  }
});
