import { describe, expect, it } from 'vitest';
import { ConsoleReporter, renderSuiteHtml, renderSuiteMarkdown } from '../../../src/report/index.ts';
import { flattenExpectations } from '../../../src/scenario/suite-expectation.ts';
import { buildSuiteResult } from '../../../src/suite/index.ts';
import { BAD_SCENARIO, makeFix, makeRun, makeScorecard } from '../../helpers/scorecards.ts';

const gate = { verdict: 'allow' as const, rule: 'all-safe', engine: 'casbin', outcome: 'safe-allowed' as const, madeWorse: false };
const suite = buildSuiteResult({
  name: 'fixes',
  description: 'L3 and L4 parts',
  backend: 'sim',
  planned: 4,
  scenarios: [BAD_SCENARIO],
  stacks: [{ name: 'l3', level: 'L3' }, { name: 'l4', level: 'L4' }],
  expectations: flattenExpectations([{ per: 'stack', expect: { 'fix.correct': 'rate >= 0.9', 'policy.unsafeApplied': 'count == 0' } }]),
  runs: [
    makeRun('error-spike', 'l3', 1, makeScorecard({ fix: makeFix() })),
    makeRun('error-spike', 'l3', 2, makeScorecard({ fix: makeFix({ correct: false }) })),
    makeRun('error-spike', 'l4', 1, makeScorecard({ fix: makeFix({ autoApplied: true, gate }) })),
    // A future part no report knows by name yet: shown all the same.
    makeRun('error-spike', 'l4', 2, makeScorecard({ fix: makeFix({ autoApplied: true, gate: { ...gate, outcome: 'unsafe-allowed', madeWorse: true } }), extra: { cost: { usd: 0.42 } } })),
  ],
});

describe('scorecard parts beyond the core (L3 fix, L4 policy gate, later ones) in the reports', () => {
  it('expectations on fix.* and policy.* judge per stack', () => {
    const byId = Object.fromEntries(suite.expectations.map((e) => [e.id, e]));
    expect(byId['fix.correct: rate >= 0.9 [per stack]'].groups.map((g) => [g.stack, g.pass, g.shown])).toEqual([['l3', false, 'rate = 50% (1/2)'], ['l4', true, 'rate = 100% (2/2)']]);
    expect(byId['policy.unsafeApplied: count == 0 [per stack]'].groups.map((g) => [g.stack, g.runs, g.pass])).toEqual([['l4', 2, false]]);
  });

  it('Markdown and HTML show every leaf per stack: yes/no as a tally, numbers as a median, words counted', async () => {
    const md = renderSuiteMarkdown(suite);
    expect(md).toContain('| `fix.correct` | 1/2 | 2/2 |');
    expect(md).toContain('| `fix.gate.outcome` | - | safe-allowed 1, unsafe-allowed 1 |');
    expect(md).toContain('| `fix.gate.madeWorse` | - | 1/2 |');
    expect(md).toContain('| `cost.usd` | - | median 0.42 |');
    const html = await renderSuiteHtml(suite, '/nonexistent-suite-dir');
    expect(html).toContain('fix.gate.outcome');
    expect(html).toContain('cost.usd');
  });

  it('console: the fix column, the correct-fix table and the gate matrix', () => {
    let out = '';
    new ConsoleReporter((t) => (out += t)).onSuiteEnd(suite, '/tmp/x');
    expect(out).toMatch(/error-spike\s+l3\s+2\s+pass .* NOT correct/);
    expect(out).toMatch(/error-spike\s+l3\s+2\s+1\/2 \(50%\)/);
    expect(out).toMatch(/l4\s+1\s+0\s+0\s+1\s+1/);
  });
});
