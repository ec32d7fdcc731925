import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPORTERS } from '../../../src/report/index.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

interface Step { name?: string; run?: string; uses?: string; with?: Record<string, string>; if?: string }
interface Job { needs?: string; if?: string; strategy?: { 'fail-fast'?: boolean; matrix: { shard: number[] } }; steps: Step[] }

describe('the CI example (clusters/ci/firedrill.yml)', () => {
  const wf = parse(readFileSync(join(REPO_ROOT, 'clusters/ci/firedrill.yml'), 'utf8')) as { on: Record<string, unknown>; env: Record<string, string | number>; jobs: { shards: Job; merge: Job } };
  const { shards, merge } = wf.jobs;
  const runsOf = (job: Job): string => job.steps.map((s) => s.run ?? '').join('\n');
  const reportersIn = (text: string): string[] => /--reporter (\S+)/.exec(text)![1].split(',');

  it('runs nightly and on pull requests, the nightly suite on sim, as a matrix of every shard', () => {
    expect(Object.keys(wf.on)).toEqual(expect.arrayContaining(['schedule', 'pull_request']));
    expect(wf.env.SUITE).toBe('scenarios/suites/nightly.yaml');
    expect(shards.strategy!.matrix.shard).toEqual(Array.from({ length: Number(wf.env.SHARDS) }, (_, i) => i + 1));
    expect(shards.strategy!['fail-fast']).toBe(false);
    const run = runsOf(shards);
    expect(run).toContain('run "$SUITE" --backend sim --shard "${{ matrix.shard }}/$SHARDS" --out "shards/${{ matrix.shard }}"');
    // merge reads the shard's suite.json and its runs' files
    expect(reportersIn(run)).toEqual(expect.arrayContaining(['json', 'files']));
    const upload = shards.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
    expect(upload.with!.path).toBe('shards/${{ matrix.shard }}');
    expect(upload.with!.name).toContain('${{ matrix.shard }}');
  });

  it('merges every shard, publishes the reports and the compare diff, and gates last', () => {
    expect(merge.needs).toBe('shards');
    expect(merge.if).toBe('always()');
    expect(merge.steps.find((s) => s.uses?.startsWith('actions/download-artifact'))!.with!.path).toBe('shards');
    const run = runsOf(merge);
    expect(run).toContain('merge shards/* --out "$OUT"');
    for (const r of reportersIn(run)) expect(Object.keys(REPORTERS)).toContain(r);
    expect(merge.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!.with!.path).toContain('report.html');
    expect(run).toContain('cat "$OUT/report.md" >> "$GITHUB_STEP_SUMMARY"');
    expect(run).toContain('compare baselines/nightly.json "$OUT" --markdown "$OUT/compare.md"');
    expect(merge.steps.find((s) => s.uses?.startsWith('actions/github-script'))!.if).toContain("github.event_name == 'pull_request'");
    expect(merge.steps.at(-1)!.name).toBe('Gate');
    expect(merge.steps.at(-1)!.run).toContain('needs.shards.result');
  });
});
