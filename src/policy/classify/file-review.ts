import type { DiffFile } from '../../util/unified-diff.ts';
import { applyBlocks, findMisfit, joinLines, splitLines } from './change-blocks.ts';
import { splitRevertBlocks, type DeployBlocks } from './revert-blocks.ts';
import type { FileKind, FileReview } from './rule-types.ts';

/**
 * Reads what a patch does to one file: its text in the deployed commit, after the revert blocks
 * alone, and after the whole patch. A file the patch cannot apply to is a problem (returned as
 * text), never an exception.
 */
export type ReadRepoFile = (commit: string | undefined, path: string) => Promise<string | undefined>;

export function fileKindOf(path: string): FileKind {
  if (/^services\/[^/]+\/config\.json$/.test(path)) return 'service-config';
  if (/(^|\/)package\.json$/.test(path)) return 'package-manifest';
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  if (/\.[cm]?[jt]sx?$/.test(path)) return 'code';
  if (/\.(md|markdown|txt|rst|adoc)$/i.test(path) || /(^|\/)(LICENSE|NOTICE|AUTHORS)$/.test(path)) return 'docs';
  return 'other';
}

export async function reviewFile(file: DiffFile, path: string, deploy: DeployBlocks, readFile: ReadRepoFile): Promise<FileReview | string> {
  const oldPath = file.oldPath;
  let base: string | undefined;
  if (file.status === 'added') {
    if ((await readFile(undefined, path)) !== undefined) return `${path}: the patch adds a file that already exists`;
  } else {
    base = oldPath === undefined ? undefined : await readFile(undefined, oldPath);
    if (base === undefined) return `${oldPath ?? path}: not in the deployed commit`;
  }
  const lines = splitLines(base ?? '');
  const misfit = findMisfit(path, lines, file.hunks);
  if (misfit) return misfit;
  if (file.status === 'deleted' && file.hunks.reduce((n, h) => n + h.oldLines, 0) !== lines.lines.length) {
    return `${path}: the deletion does not remove the whole file`;
  }
  const { reverts, others } = splitRevertBlocks(file, deploy);
  return {
    path,
    diff: file,
    kind: fileKindOf(path),
    base,
    reverted: joinLines(applyBlocks(lines, reverts)),
    final: file.status === 'deleted' ? undefined : joinLines(applyBlocks(lines, [...reverts, ...others])),
    reverts,
    others,
  };
}
