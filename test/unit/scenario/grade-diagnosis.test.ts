import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCulpritHunk, gradeDiagnosis } from '../../../src/scenario/grade-diagnosis.ts';
import { loadScenario } from '../../../src/scenario/load-scenario.ts';
import type { Scenario } from '../../../src/scenario/scenario.ts';
import { materializeWorkspace, type Workspace } from '../../../src/testbed/workspace.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

describe('gradeDiagnosis (error-spike)', () => {
  let scenario: Scenario;
  let ws: Workspace;
  let truth: Extract<Scenario['truth'], { bad: true }>;
  beforeAll(async () => {
    scenario = await loadScenario(join(REPO_ROOT, 'scenarios/error-spike.yaml'));
    ws = await materializeWorkspace({ templateDir: scenario.testbedDir, changes: scenario.deploy.changes, message: scenario.deploy.message, author: scenario.deploy.author });
    if (!scenario.truth.bad) throw new Error('error-spike is a bad deploy');
    truth = scenario.truth;
  });
  afterAll(() => ws.remove());

  const grade = (claim: Parameters<typeof gradeDiagnosis>[0]) => gradeDiagnosis(claim, truth, ws.diff);

  it('finds the culprit hunk in the deploy diff', () => {
    const hunk = findCulpritHunk(ws.diff, truth.culprit)!;
    expect(hunk.lines.some((l) => l.kind === '+' && l.text.includes('CATEGORY_RATES[item.category].reduced'))).toBe(true);
  });

  it('exact: service, class and the hunk by quote or by line', () => {
    const byQuote = grade({ service: 'checkout', faultClass: 'code-defect', culprit: { file: 'services/checkout/tax.js', text: 'CATEGORY_RATES[item.category].reduced' } });
    expect(byQuote).toMatchObject({ quality: 'exact', score: 1, culprit: 'hunk', reasons: [] });
    const hunk = findCulpritHunk(ws.diff, truth.culprit)!;
    const line = hunk.lines.find((l) => l.kind === '+' && l.text.includes('.reduced'))!.newLine!;
    expect(grade({ service: 'checkout', faultClass: 'code-defect', culprit: { file: 'b/services/checkout/tax.js', line } }).quality).toBe('exact');
  });

  it('partial credit for the right service with the wrong class or hunk', () => {
    const wrongHunk = grade({ service: 'checkout', faultClass: 'code-defect', culprit: { file: 'services/checkout/tax.js', line: 1 } });
    expect(wrongHunk).toMatchObject({ quality: 'partial', culprit: 'file' });
    expect(wrongHunk.score).toBeCloseTo(2.5 / 3);
    const wrongClass = grade({ service: 'checkout', faultClass: 'latency-regression', culprit: { file: 'services/checkout/tax.js', text: 'CATEGORY_RATES[item.category].reduced' } });
    expect(wrongClass).toMatchObject({ quality: 'partial', faultClass: false });
    expect(grade({ service: 'checkout', faultClass: 'code-defect' })).toMatchObject({ quality: 'partial', culprit: 'none' });
    // A quote too short to identify anything names no hunk.
    expect(grade({ service: 'checkout', faultClass: 'code-defect', culprit: { file: 'services/checkout/tax.js', text: '}' } }).culprit).toBe('file');
  });

  it('wrong service is wrong, whatever else it says; no diagnosis scores zero', () => {
    const wrong = grade({ service: 'payments', faultClass: 'code-defect', culprit: { file: 'services/payments/handler.js' } });
    expect(wrong).toMatchObject({ quality: 'wrong', culprit: 'wrong' });
    expect(wrong.score).toBeCloseTo(1 / 3);
    expect(grade(undefined)).toMatchObject({ quality: 'none', score: 0 });
  });
});
