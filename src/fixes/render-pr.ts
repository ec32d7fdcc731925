import type { RepoTestResult } from './run-repo-tests.ts';

export interface PullRequestView {
  title: string;
  body: string;
  branch: string;
  base: string;
  commit: string;
  author: string;
  patch: string;
  checks?: RepoTestResult;
}

/**
 * The fix PR as a reviewer sees it, in Markdown: title, the agent's description (its RCA),
 * the checks' outcome with how they were sandboxed, and the diff.
 */
export function renderPullRequest(pr: PullRequestView): string {
  const lines = [`# ${pr.title}`, '', `\`${pr.branch}\` -> \`${pr.base}\` · commit \`${pr.commit.slice(0, 12)}\` · by ${pr.author}`, ''];
  lines.push(pr.body.trim() || '_No description._', '');
  if (pr.checks) {
    const c = pr.checks;
    lines.push(`## Checks: ${c.ok ? 'passed' : 'FAILED'}`, '');
    lines.push(`The repository's own tests, sandboxed (Node permission model: reads and writes inside the checkout only, no child processes; network ${c.sandbox.network}).`, '');
    for (const f of c.files) lines.push(`- ${f.ok ? 'pass' : 'FAIL'} \`${f.file}\`: ${f.passed} passed, ${f.failed} failed${f.timedOut ? ' (timed out)' : ''}`);
    if (c.reason) lines.push('', `> ${c.reason}`);
    lines.push('');
  }
  lines.push('## Diff', '', '```diff', pr.patch.trimEnd(), '```', '');
  return lines.join('\n');
}
