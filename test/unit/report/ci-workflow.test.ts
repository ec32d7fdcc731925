import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPORTERS } from '../../../src/report/index.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

interface Step { name?: string; run?: string; uses?: string; with?: Record<string, string>; if?: string }

describe('the CI example (clusters/ci/firedrill.yml)', () => {
  const wf = parse(readFileSync(join(REPO_ROOT, 'clusters/ci/firedrill.yml'), 'utf8')) as { on: Record<string, unknown>; env: Record<string, string>; jobs: { drills: { steps: Step[] } } };
  const steps = wf.jobs.drills.steps;
  const runs = steps.map((s) => s.run ?? '').join('\n');

  it('runs nightly and on pull requests, the nightly suite on sim', () => {
    expect(Object.keys(wf.on)).toEqual(expect.arrayContaining(['schedule', 'pull_request']));
    expect(wf.env.SUITE).toBe('scenarios/suites/nightly.yaml');
    expect(runs).toContain('run "$SUITE" --backend sim --out "$OUT"');
    const reporters = /--reporter (\S+)/.exec(runs)![1].split(',');
    for (const r of reporters) expect(Object.keys(REPORTERS)).toContain(r);
  });

  it('publishes the HTML report, the Markdown summary, the compare diff, and gates last', () => {
    expect(steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!.with!.path).toContain('report.html');
    expect(runs).toContain('cat "$OUT/report.md" >> "$GITHUB_STEP_SUMMARY"');
    expect(runs).toContain('compare baselines/nightly.json "$OUT" --markdown "$OUT/compare.md"');
    expect(steps.find((s) => s.uses?.startsWith('actions/github-script'))!.if).toContain("github.event_name == 'pull_request'");
    expect(steps.at(-1)!.name).toBe('Gate');
  });
});
