import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
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

/** What a materialized workspace is on disk: plain data, so one thread can make it and another run in it. */
export interface WorkspaceLayout {
  root: string;
  dir: string;
  stableDir: string;
  v1: string;
  v2: string;
  diff: string;
}

/** What a run's repository is made from: the testbed template and the scenario's change. */
export interface WorkspaceSource {
  templateDir: string;
  changes: readonly WorkspaceChange[];
  message: string;
  author: string;
  parentDir?: string;
  /** Files the stable release carries besides the template (the stack's Argo manifests under deploy/argo/). */
  extraFiles?: readonly { file: string; content: string }[];
}

export async function materializeWorkspace(opts: WorkspaceSource): Promise<Workspace> {
  return openWorkspace(await layOutWorkspace(opts));
}

/** Writes the repository (v1, v2, the stable worktree) and says where it is. */
export async function layOutWorkspace(opts: WorkspaceSource): Promise<WorkspaceLayout> {
  const root = await mkdtemp(join(opts.parentDir ?? tmpdir(), 'firedrill-ws-'));
  const dir = join(root, 'repo');
  const stableDir = join(root, 'stable');
  try {
    // Both trees are written here (the change's edits checked), then git runs once for all of it.
    await cp(opts.templateDir, dir, { recursive: true, filter: (src) => !src.includes('node_modules') });
    await applyChanges(dir, opts.extraFiles ?? []);
    const staged = await stageChanges(dir, join(root, 'v2-files'), opts.changes);
    const { v1, v2, diff } = await commitReleases({ dir, stableDir, ...staged, message: opts.message, author: opts.author });
    await rm(staged.stagedDir, { recursive: true, force: true });
    return { root, dir, stableDir, v1, v2, diff };
  } catch (err) {
    await rm(root, { recursive: true, force: true });
    throw err;
  }
}

/** The workspace in a layout made by layOutWorkspace (in this thread or another). */
export function openWorkspace(layout: WorkspaceLayout): Workspace {
  const { root, dir, stableDir, v1, v2, diff } = layout;
  const worktrees = new Map<string, Promise<string>>([[v1, Promise.resolve(stableDir)], [v2, Promise.resolve(dir)]]);
  const worktreeOf = async (commit: string): Promise<string> => {
    // A full id already checked out needs no git (a sim run asks for v1's and v2's at every deploy).
    const full = worktrees.has(commit) ? commit : await revParse(dir, commit);
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
  const [name, email] = splitAuthor(author);
  await git(dir, ['add', '-A']);
  await git(dir, ['-c', `user.name=${name}`, '-c', `user.email=${email}`, 'commit', '-q', '--no-gpg-sign', '-m', message], {
    GIT_AUTHOR_DATE: COMMIT_DATE,
    GIT_COMMITTER_DATE: COMMIT_DATE,
  });
}

/**
 * The change's files as they are at v2, in `stagedDir` (only the files it touches, its edits
 * checked against v1's text as applyChanges checks them), and the files it deletes.
 */
async function stageChanges(dir: string, stagedDir: string, changes: readonly WorkspaceChange[]): Promise<{ stagedDir: string; deleted: string[] }> {
  const touched = [...new Set(changes.map((c) => c.file))];
  await mkdir(stagedDir, { recursive: true });
  for (const file of touched) {
    await mkdir(dirname(join(stagedDir, file)), { recursive: true });
    await cp(join(dir, file), join(stagedDir, file)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err; // a file the change adds
    });
  }
  await applyChanges(stagedDir, changes);
  const deleted = touched.filter((file) => !existsSync(join(stagedDir, file)));
  return { stagedDir, deleted };
}

/**
 * Commits v1 (the files in `dir`), then v2 (v1 with the staged files copied over and the deleted
 * ones removed), leaving `dir` at v2, and adds the v1 worktree at `stableDir`: the same git
 * commands, identities and fixed dates as commitAll and revParse one at a time, from one `sh`.
 * Every command forked from the harness itself forks a process with a large heap, which then
 * takes a page fault on each heap page it writes next (copy-on-write); nine per run cost the
 * maturity suite ~10 s of CPU (--jobs 2: 84 -> 74 CPU s, 44.8 -> 39.3 s wall). One small shell
 * forks git instead.
 */
async function commitReleases(o: { dir: string; stagedDir: string; deleted: string[]; stableDir: string; message: string; author: string }): Promise<{ v1: string; v2: string; diff: string }> {
  const [name, email] = splitAuthor(o.author);
  const script = [
    'set -e',
    'staged=$1 stable=$2 name=$3 email=$4 message=$5',
    'shift 5',
    'git init -q -b main',
    'git add -A',
    'git -c "user.name=Release Bot" -c "user.email=release@example.com" commit -q --no-gpg-sign -m "v1: stable release"',
    "v1=$(git rev-parse --verify --quiet 'HEAD^{commit}')",
    'cp -R "$staged"/. .',
    '[ $# -eq 0 ] || rm -f -- "$@"',
    'git add -A',
    'git -c "user.name=$name" -c "user.email=$email" commit -q --no-gpg-sign -m "$message"',
    "v2=$(git rev-parse --verify --quiet 'HEAD^{commit}')",
    'git worktree add -q --detach "$stable" "$v1"',
    'printf \'%s\\n%s\\n\' "$v1" "$v2"',
    'git diff "$v1" "$v2"',
  ].join('\n');
  let stdout: string;
  try {
    ({ stdout } = await run('sh', ['-c', script, 'sh', o.stagedDir, o.stableDir, name, email, o.message, ...o.deleted], {
      cwd: o.dir,
      env: { ...process.env, GIT_AUTHOR_DATE: COMMIT_DATE, GIT_COMMITTER_DATE: COMMIT_DATE },
      maxBuffer: 64 * 1024 * 1024,
    }));
  } catch (err) {
    // execFile's error: `code` is the spawn's errno name, or the shell's exit status (127: command not found).
    const e = err as { code?: string | number; stdout?: string; stderr?: string };
    if (e.code === 'ENOENT' || e.code === 127) throw new InfraError('git is not installed', { hint: 'install git (apt-get install git)', cause: err });
    // git commit says "nothing to commit" on stdout: a change that leaves every file as it was.
    const said = (e.stderr || e.stdout || '').trim();
    if (/nothing to commit/.test(said)) {
      throw new UserInputError("the scenario's deploy.changes leave every file as it was: there is no v2 to deploy", { hint: 'change at least one file of the testbed', cause: err });
    }
    throw new InfraError(`git failed making the run's repository: ${said || `sh exited with ${String(e.code)}`}`, { cause: err });
  }
  const [v1, v2] = stdout.split('\n', 2);
  return { v1, v2, diff: stdout.slice(v1.length + v2.length + 2) };
}

function splitAuthor(author: string): [string, string] {
  const m = /^(.*?)\s*<(.*)>$/.exec(author);
  return m ? [m[1], m[2]] : [author, 'dev@example.com'];
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
