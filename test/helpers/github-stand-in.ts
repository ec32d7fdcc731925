import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A STAND-IN for the GitHub REST API on 127.0.0.1, for tests only: the git-data and pulls
 * endpoints a PR needs (ref, commit, blobs, tree, commit, ref, pull), answering as GitHub does
 * in shape and recording every request. Not GitHub: it checks the token and nothing else.
 */
export interface GitHubStandIn {
  url: string;
  requests: { method: string; path: string; body: unknown; auth?: string }[];
  close(): Promise<void>;
}

export async function startGitHubStandIn(): Promise<GitHubStandIn> {
  const requests: GitHubStandIn['requests'] = [];
  let n = 0;
  const sha = (): string => (++n).toString(16).padStart(40, '0');
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body = text ? JSON.parse(text) : undefined;
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      requests.push({ method: req.method ?? '', path, body, auth: req.headers.authorization });
      const reply = (status: number, data: unknown): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(data));
      if (!req.headers.authorization?.includes('test-token')) return reply(401, { message: 'Bad credentials' });
      const m = /^\/repos\/([^/]+)\/([^/]+)\/(.*)$/.exec(path);
      if (!m) return reply(404, { message: 'Not Found' });
      const [, owner, repo, rest] = m;
      if (req.method === 'GET' && rest.startsWith('git/ref/heads/')) return reply(200, { ref: `refs/heads/${rest.slice(14)}`, object: { sha: sha(), type: 'commit' } });
      if (req.method === 'GET' && rest.startsWith('git/commits/')) return reply(200, { sha: rest.slice(12), tree: { sha: sha() } });
      if (req.method === 'POST' && ['git/blobs', 'git/trees', 'git/commits'].includes(rest)) return reply(201, { sha: sha() });
      if (req.method === 'POST' && rest === 'git/refs') return reply(201, { ref: body.ref, object: { sha: body.sha } });
      if (req.method === 'POST' && rest === 'pulls') return reply(201, { number: 7, html_url: `https://github.example/${owner}/${repo}/pull/7` });
      return reply(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
