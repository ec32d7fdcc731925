import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { InfraError, UserInputError } from '../util/errors.ts';

const run = promisify(execFile);

export interface FileEdit { find: string; replace: string }
export type WorkspaceChange =
  | { file: string; content: string }
  | { file: string; edits: FileEdit[] }
  | { file: string; delete: true };

/**
 * A run's testbed as a real git repository: commit v1 is the stable template, commit v2 the
 * scenario's change with its message. `stableDir` is a worktree at v1 (the code the stable
 * version runs), `dir` is at v2 (the canary's code, and where a fix PR branches from). Later
 * commits (a fix, a revert) can be added while the run goes on; every commit a world deploys
 * gets a worktree of its own, so two revisions never share code or module state.
 */
export interface Workspace {
  dir: string;
  stableDir: string;
  v1: string;
  v2: string;
  /** `git diff v1 v2`, exactly as an agent or reviewer sees it. */
  diff: string;
  /** A checkout of `commit` (v1 and v2 have theirs; others are made once, and removed with the workspace). */
  worktreeOf(commit: string): Promise<string>;
  /** Commits `patch` (a unified diff, `git apply`) or `changes` on top of `parent`; optionally moves `branch` to it. */
  addCommit(opts: NewCommit): Promise<string>;
  /** `git diff a b`. */
  diffBetween(a: string, b: string): Promise<string>;
  /** Whether `patch` applies cleanly on `commit` (`git apply --check`), and git's words when not. */
  checkPatch(commit: string, patch: string): Promise<{ ok: true } | { ok: false; message: string }>;
  remove(): Promise<void>;
}

export interface NewCommit {
  parent: string;
  patch?: string;
  changes?: readonly WorkspaceChange[];
  message: string;
  author: string;
  branch?: string;
}

// Fixed dates make commit hashes, and so timelines, reproducible.
const COMMIT_DATE = '2026-01-01T00:00:00Z';

export async function materializeWorkspace(opts: {
  templateDir: string;
  changes: readonly WorkspaceChange[];
  message: string;
  author: string;
  parentDir?: string;
  /** Files the stable release carries besides the template (the stack's Argo manifests under deploy/argo/). */
  extraFiles?: readonly { file: string; content: string }[];
}): Promise<Workspace> {
  const root = await mkdtemp(join(opts.parentDir ?? tmpdir(), 'firedrill-ws-'));
  const dir = join(root, 'repo');
  const stableDir = join(root, 'stable');
  try {
    await cp(opts.templateDir, dir, { recursive: true, filter: (src) => !src.includes('node_modules') });
    await applyChanges(dir, opts.extraFiles ?? []);
    await git(dir, ['init', '-q', '-b', 'main']);
    await commitAll(dir, 'v1: stable release', 'Release Bot <release@example.com>');
    const v1 = await revParse(dir);
    await applyChanges(dir, opts.changes);
    await commitAll(dir, opts.message, opts.author);
    const v2 = await revParse(dir);
    await git(dir, ['worktree', 'add', '-q', '--detach', stableDir, v1]);
    const { stdout: diff } = await git(dir, ['diff', v1, v2]);
    const worktrees = new Map<string, Promise<string>>([[v1, Promise.resolve(stableDir)], [v2, Promise.resolve(dir)]]);
    const worktreeOf = async (commit: string): Promise<string> => {
      const full = await revParse(dir, commit);
      if (!worktrees.has(full)) {
        const at = join(root, 'revs', full.slice(0, 12));
        worktrees.set(full, git(dir, ['worktree', 'add', '-q', '--detach', at, full]).then(() => at));
      }
      return worktrees.get(full)!;
    };
    return {
      dir, stableDir, v1, v2, diff, worktreeOf,
      addCommit: (c) => addCommit(dir, join(root, 'scratch'), c),
      diffBetween: async (a, b) => (await git(dir, ['diff', a, b])).stdout,
      checkPatch: async (commit, patch) => {
        try {
          await gitWithInput(await worktreeOf(commit), ['apply', '--check', '-'], patch);
          return { ok: true };
        } catch (err) {
          return { ok: false, message: (err as Error).message.replace(/^git apply failed: /, '') };
        }
      },
      remove: () => rm(root, { recursive: true, force: true }),
    };
  } catch (err) {
    await rm(root, { recursive: true, force: true });
    throw err;
  }
}

export async function applyChanges(dir: string, changes: readonly WorkspaceChange[]): Promise<void> {
  for (const change of changes) {
    const file = join(dir, change.file);
    if ('delete' in change) {
      await rm(file);
    } else if ('content' in change) {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, change.content);
    } else {
      let text = await readFile(file, 'utf8');
      for (const edit of change.edits) {
        const count = text.split(edit.find).length - 1;
        if (count !== 1) {
          throw new UserInputError(`${change.file}: edit text found ${count} times (must be exactly once): ${JSON.stringify(edit.find.slice(0, 60))}`, {
            hint: 'make `find` longer so it matches one place',
          });
        }
        text = text.replace(edit.find, () => edit.replace);
      }
      await writeFile(file, text);
    }
  }
}

async function commitAll(dir: string, message: string, author: string): Promise<void> {
  const m = /^(.*?)\s*<(.*)>$/.exec(author);
  const [name, email] = m ? [m[1], m[2]] : [author, 'dev@example.com'];
  await git(dir, ['add', '-A']);
  await git(dir, ['-c', `user.name=${name}`, '-c', `user.email=${email}`, 'commit', '-q', '--no-gpg-sign', '-m', message], {
    GIT_AUTHOR_DATE: COMMIT_DATE,
    GIT_COMMITTER_DATE: COMMIT_DATE,
  });
}

async function revParse(dir: string, rev = 'HEAD'): Promise<string> {
  return (await git(dir, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`])).stdout.trim();
}

/**
 * A commit on top of `parent`, made in a scratch worktree (the repo's own checkouts stay as
 * they are): the patch goes through `git apply` (which refuses what does not apply), changes
 * through applyChanges; fixed dates keep the commit id a function of its content.
 */
async function addCommit(repo: string, scratchRoot: string, c: NewCommit): Promise<string> {
  const scratch = await mkdtemp(`${scratchRoot}-`);
  await git(repo, ['worktree', 'add', '-q', '--detach', scratch, c.parent]);
  try {
    if (c.patch !== undefined) await gitWithInput(scratch, ['apply', '--whitespace=nowarn', '-'], c.patch);
    if (c.changes) await applyChanges(scratch, c.changes);
    await commitAll(scratch, c.message, c.author);
    const commit = await revParse(scratch);
    if (c.branch) await git(repo, ['branch', '-f', c.branch, commit]);
    return commit;
  } finally {
    await git(repo, ['worktree', 'remove', '--force', scratch]).catch(() => rm(scratch, { recursive: true, force: true }));
  }
}

function gitWithInput(cwd: string, args: string[], input: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (err, _stdout, stderr) => {
      if (err) reject(new InfraError(`git ${args[0]} failed: ${String(stderr || err.message).trim()}`, { cause: err }));
      else resolve();
    });
    child.stdin?.end(input);
  });
}

export async function git(cwd: string, args: string[], env: Record<string, string> = {}): Promise<{ stdout: string }> {
  try {
    return await run('git', args, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new InfraError('git is not installed', { hint: 'install git (apt-get install git)' });
    throw new InfraError(`git ${args[0]} failed: ${(e.stderr ?? e.message).trim()}`, { cause: err });
  }
}
