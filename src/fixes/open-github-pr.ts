import { Octokit } from '@octokit/rest';
import { InfraError } from '../util/errors.ts';

export interface GitHubTarget {
  /** owner/name */
  repository: string;
  /** GitHub Enterprise: https://ghe.example.com/api/v3 (default api.github.com). */
  baseUrl?: string;
  token: string;
  base: string;
}

export interface GitHubPrRequest {
  branch: string;
  title: string;
  body: string;
  /** The files the fix changes, with their content after it (undefined: deleted). */
  files: { path: string; content: string | undefined }[];
  message: string;
}

/**
 * Opens the fix as a real GitHub PR through Octokit's REST client: blobs for the changed files,
 * a tree on top of the base branch's, a commit, the branch, the pull request. The drill's own
 * repository is local, so the PR carries the fix's files onto the team's base branch.
 */
export async function openGitHubPr(target: GitHubTarget, pr: GitHubPrRequest): Promise<{ number: number; url: string }> {
  const [owner, repo] = target.repository.split('/');
  const octokit = new Octokit({ auth: target.token, ...(target.baseUrl ? { baseUrl: target.baseUrl } : {}), request: { retries: 0 } });
  try {
    const base = await octokit.rest.git.getRef({ owner, repo, ref: `heads/${target.base}` });
    const baseSha = base.data.object.sha;
    const baseCommit = await octokit.rest.git.getCommit({ owner, repo, commit_sha: baseSha });
    const tree = [];
    for (const f of pr.files) {
      if (f.content === undefined) {
        tree.push({ path: f.path, mode: '100644' as const, type: 'blob' as const, sha: null });
        continue;
      }
      const blob = await octokit.rest.git.createBlob({ owner, repo, content: Buffer.from(f.content).toString('base64'), encoding: 'base64' });
      tree.push({ path: f.path, mode: '100644' as const, type: 'blob' as const, sha: blob.data.sha });
    }
    const newTree = await octokit.rest.git.createTree({ owner, repo, base_tree: baseCommit.data.tree.sha, tree });
    const commit = await octokit.rest.git.createCommit({ owner, repo, message: pr.message, tree: newTree.data.sha, parents: [baseSha] });
    await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${pr.branch}`, sha: commit.data.sha });
    const opened = await octokit.rest.pulls.create({ owner, repo, title: pr.title, body: pr.body, head: pr.branch, base: target.base });
    return { number: opened.data.number, url: opened.data.html_url };
  } catch (err) {
    const e = err as { status?: number; message?: string };
    throw new InfraError(`GitHub PR on ${target.repository} failed${e.status ? ` (HTTP ${e.status})` : ''}: ${e.message ?? String(err)}`, {
      hint: 'check the token (its variable in the stack\'s pr.github.tokenEnv), the repository and the base branch', cause: err,
    });
  }
}
