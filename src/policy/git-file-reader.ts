import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { InfraError } from '../util/errors.ts';
import type { ReadRepoFile } from './classify/file-review.ts';

const run = promisify(execFile);

/**
 * `readFile` for the classifier over a git repository: a path at a commit (`base` when none is
 * given), undefined when the commit has no such file. Reads blobs with git, never the work
 * tree, so what is classified is exactly what was committed.
 */
export function createGitFileReader(repoDir: string, base: string): ReadRepoFile {
  return async (commit, path) => {
    const rev = commit ?? base;
    const listed = await git(repoDir, ['ls-tree', '-z', '--full-tree', rev, '--', path]);
    const entry = listed.split('\0').find((e) => e.endsWith(`\t${path}`));
    if (!entry || !entry.split(' ')[1]?.startsWith('blob')) return undefined;
    return git(repoDir, ['cat-file', 'blob', entry.split(' ')[2].split('\t')[0]]);
  };
}

async function git(cwd: string, args: string[]): Promise<string> {
  try {
    return (await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new InfraError('git is not installed', { hint: 'install git (apt-get install git)' });
    throw new InfraError(`git ${args[0]} failed in ${cwd}: ${(e.stderr ?? e.message).trim()}`, { cause: err });
  }
}
