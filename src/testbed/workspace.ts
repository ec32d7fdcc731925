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
 * version runs), `dir` is at v2 (the canary's code, and where a fix PR would branch from).
 */
export interface Workspace {
  dir: string;
  stableDir: string;
  v1: string;
  v2: string;
  /** `git diff v1 v2`, exactly as an agent or reviewer sees it. */
  diff: string;
  remove(): Promise<void>;
}

// Fixed dates make commit hashes, and so timelines, reproducible.
const COMMIT_DATE = '2026-01-01T00:00:00Z';

export async function materializeWorkspace(opts: {
  templateDir: string;
  changes: readonly WorkspaceChange[];
  message: string;
  author: string;
  parentDir?: string;
}): Promise<Workspace> {
  const root = await mkdtemp(join(opts.parentDir ?? tmpdir(), 'firedrill-ws-'));
  const dir = join(root, 'repo');
  const stableDir = join(root, 'stable');
  try {
    await cp(opts.templateDir, dir, { recursive: true, filter: (src) => !src.includes('node_modules') });
    await git(dir, ['init', '-q', '-b', 'main']);
    await commitAll(dir, 'v1: stable release', 'Release Bot <release@example.com>');
    const v1 = await revParse(dir);
    await applyChanges(dir, opts.changes);
    await commitAll(dir, opts.message, opts.author);
    const v2 = await revParse(dir);
    await git(dir, ['worktree', 'add', '-q', '--detach', stableDir, v1]);
    const { stdout: diff } = await git(dir, ['diff', v1, v2]);
    return { dir, stableDir, v1, v2, diff, remove: () => rm(root, { recursive: true, force: true }) };
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

async function revParse(dir: string): Promise<string> {
  return (await git(dir, ['rev-parse', 'HEAD'])).stdout.trim();
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
