import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { executeRun } from '../../../src/runner/execute-run.ts';
import { loadScenario } from '../../../src/scenario/load-scenario.ts';
import { loadStack } from '../../../src/scenario/load-stack.ts';
import { overlayStack } from '../../helpers/agent-stack.ts';
import { startGitHubStandIn, type GitHubStandIn } from '../../helpers/github-stand-in.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

describe('a fix PR on GitHub (through Octokit, against the loopback stand-in of the GitHub API)', () => {
  let gh: GitHubStandIn | undefined;
  afterAll(async () => {
    delete process.env.FD_TEST_GH_TOKEN;
    await gh?.close();
  });

  it('sends the branch, the PR title and body, and the changed files', async () => {
    gh = await startGitHubStandIn();
    process.env.FD_TEST_GH_TOKEN = 'test-token';
    const stack = await loadStack(overlayStack('l3', 'l3-github', `pr:\n  github: { repository: "drill/shop", baseUrl: "${gh.url}", tokenEnv: FD_TEST_GH_TOKEN }\n`));
    const record = await executeRun(await loadScenario(join(REPO_ROOT, 'scenarios/error-spike.yaml')), stack, { backend: 'sim', seed: 2 });
    const calls = gh.requests.map((r) => `${r.method} ${r.path}`);
    // One blob per file the fix commit changed.
    const files = (record.timeline.find((e) => e.type === 'fix.committed')!.files as string[]).length;
    expect(files).toBeGreaterThan(0);
    expect(calls).toEqual([
      'GET /repos/drill/shop/git/ref/heads/main', expect.stringMatching(/^GET \/repos\/drill\/shop\/git\/commits\//),
      ...Array<string>(files).fill('POST /repos/drill/shop/git/blobs'), 'POST /repos/drill/shop/git/trees',
      'POST /repos/drill/shop/git/commits', 'POST /repos/drill/shop/git/refs', 'POST /repos/drill/shop/pulls',
    ]);
    const ref = gh.requests.find((r) => r.path.endsWith('/git/refs'))!.body as { ref: string };
    expect(ref.ref).toBe('refs/heads/firedrill/fix-error-spike--l3-github--seed-2');
    const pull = gh.requests.find((r) => r.path.endsWith('/pulls'))!.body as { title: string; body: string; head: string; base: string };
    expect(pull).toMatchObject({ title: 'Revert the offending change in checkout', head: 'firedrill/fix-error-spike--l3-github--seed-2', base: 'main' });
    expect(pull.body).toContain('```diff');
    expect(pull.body).toContain('-    tax += item.price * item.qty * rate * CATEGORY_RATES[item.category].reduced;');
    const blobs = gh.requests.filter((r) => r.path.endsWith('/git/blobs')).map((r) => Buffer.from((r.body as { content: string }).content, 'base64').toString('utf8'));
    expect(blobs.some((b) => b.includes('export function computeTax('))).toBe(true);
    expect(record.fix?.github).toEqual({ number: 7, url: 'https://github.example/drill/shop/pull/7' });
  }, 120_000);
});
