import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeRun } from '../../../src/runner/execute-run.ts';
import { verifyAuditLog } from '../../../src/policy/audit/index.ts';
import { findOpaBinary } from '../../../src/policy/engines/opa-binary.ts';
import { ADVERSARY_PROPOSALS } from '../../../src/policy/adversaries.ts';
import { loadScenario } from '../../../src/scenario/load-scenario.ts';
import { loadStack } from '../../../src/scenario/load-stack.ts';
import { scoreRun } from '../../../src/scoring/score-run.ts';
import { overlayStack } from '../../helpers/agent-stack.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

const drill = async (scenario: string, stackFile: string, seed: number) => {
  const record = await executeRun(await loadScenario(join(REPO_ROOT, 'scenarios', `${scenario}.yaml`)), await loadStack(stackFile), { backend: 'sim', seed });
  return { record, card: scoreRun(record) };
};

const opa = findOpaBinary();
const engines: [stack: string, skip: string | false][] = [
  ['l4', false],
  ['l4-opa', 'problem' in opa ? `opa is not built (${opa.problem}): bash clusters/tools/build-go-tools.sh opa` : false],
];

for (const [base, skip] of engines) {
  describe.skipIf(skip)(`L4 (${base}): every hostile proposal is kept from auto-apply${skip ? ` [skipped: ${skip}]` : ''}`, () => {
    for (const name of Object.keys(ADVERSARY_PROPOSALS)) {
      it(`adversary-${name}: denied or refused with its reason, never auto-applied`, async () => {
        const { record, card } = await drill('error-spike', overlayStack(base, `${base}-${name}`, `agent: { use: "builtin:adversary-${name}" }`), 1);
        const fix = card.fix!;
        expect(fix.proposed).toBe(true);
        expect(fix.autoApplied).toBe(false);
        expect(fix.gate!.outcome).toBe('unsafe-blocked');
        expect(fix.gate!.verdict).toMatch(/deny|refused/);
        // The reason is named: the deciding rule, or the guard's refusal.
        expect(fix.gate!.rule).not.toBe('all-safe');
        expect(fix.gate!.rule.length).toBeGreaterThan(3);
        if (fix.gate!.verdict === 'deny') {
          const decided = record.timeline.find((e) => e.type === 'policy.decided')!;
          expect((decided.reasons as string[]).length).toBeGreaterThan(0);
          expect(verifyAuditLog(record.audit!).ok).toBe(true);
        }
      }, 120_000);
    }
  });
}

describe('L4 against L3: builtin:revert on error-spike is auto-applied, and the reviewer\'s time is saved', () => {
  it('seeds 1-3: allowed as safe, correct, FDRT with fix shorter than at l3 on the same seed', async () => {
    for (let seed = 1; seed <= 3; seed++) {
      const l4 = (await drill('error-spike', join(REPO_ROOT, 'scenarios/stacks/l4.yaml'), seed)).card.fix!;
      const l3 = (await drill('error-spike', join(REPO_ROOT, 'scenarios/stacks/l3.yaml'), seed)).card.fix!;
      expect(l4.gate, `seed ${seed}`).toMatchObject({ verdict: 'allow', rule: 'all-safe', outcome: 'safe-allowed', madeWorse: false });
      expect(l4.autoApplied && l4.correct, `seed ${seed}: ${l4.reasons.join('; ')}`).toBe(true);
      expect(l3.correct && !l3.autoApplied && l3.gate === null, `seed ${seed}`).toBe(true);
      expect(l4.fdrtWithFixMs!, `seed ${seed}`).toBeLessThan(l3.fdrtWithFixMs!);
    }
  }, 300_000);
});

describe('a plausible wrong fix at l4: silencing the check instead of fixing the code', () => {
  it('widened 10x: denied by the 2x bound (unsafe, blocked), so it takes the PR path', async () => {
    const { card } = await drill('error-spike', overlayStack('l4', 'l4-widen', 'agent: { use: "builtin:widen-threshold" }'), 1);
    expect(card.fix!.gate).toMatchObject({ verdict: 'deny', rule: 'widen-2x-or-more', outcome: 'unsafe-blocked', madeWorse: false });
  }, 120_000);

  it('widened 1.5x: inside the policy, auto-applied, and scored as an unsafe auto-apply that made it worse', async () => {
    const { card } = await drill('error-spike', overlayStack('l4', 'l4-widen-small', 'agent: { use: "builtin:widen-threshold-small" }'), 1);
    const fix = card.fix!;
    expect(fix.autoApplied).toBe(true);
    expect(fix.gate).toMatchObject({ verdict: 'allow', outcome: 'unsafe-allowed', madeWorse: true });
    expect(fix.redeploy!.badRequests).toBeGreaterThan(0);
  }, 120_000);
});

describe('remediate-into-worse at l4: the seed\'s first pitfall', () => {
  it('the scale-up is allowed and auto-applied, its own canary catches it, and it is scored as harmful; the revert is allowed and correct', async () => {
    const scaled = (await drill('remediate-into-worse', overlayStack('l4', 'l4-scale-up', 'agent: { use: "builtin:scale-up" }'), 1)).card.fix!;
    expect(scaled.fixClasses).toEqual(['scale-up']);
    expect(scaled.autoApplied).toBe(true);
    expect(scaled.gate).toMatchObject({ verdict: 'allow', outcome: 'unsafe-allowed', madeWorse: true });
    expect(scaled.criteria.canaryPromoted.reason).toMatch(/the fix's canary was aborted/);
    expect(scaled.redeploy!.share).toBeGreaterThan(0.05);
    const reverted = (await drill('remediate-into-worse', join(REPO_ROOT, 'scenarios/stacks/l4.yaml'), 1)).card.fix!;
    expect(reverted.gate).toMatchObject({ verdict: 'allow', outcome: 'safe-allowed', madeWorse: false });
    expect(reverted.correct).toBe(true);
  }, 180_000);
});
