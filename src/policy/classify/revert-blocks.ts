import { pathOf, type DiffFile, type ParsedDiff } from '../../util/unified-diff.ts';
import { listChangeBlocks, type ChangeBlock } from './change-blocks.ts';

/**
 * A revert, told from the diffs alone: a patch block is a revert when it undoes one block of the
 * deploy exactly, at the same place (the patch's old side is the deploy's new side). Reverting
 * the whole deploy or only the offending block both count; anything else in the same file is
 * classified on its own.
 */
export type DeployBlocks = Map<string, ChangeBlock[]>;

export function indexDeployBlocks(deploy: ParsedDiff): DeployBlocks {
  const index: DeployBlocks = new Map();
  for (const f of deploy.files) index.set(pathOf(f), listChangeBlocks(f));
  return index;
}

/** The patch file's blocks, split into those that undo a deploy block and the rest. */
export function splitRevertBlocks(file: DiffFile, deploy: DeployBlocks): { reverts: ChangeBlock[]; others: ChangeBlock[] } {
  const candidates = deploy.get((file.oldPath ?? file.newPath) as string) ?? [];
  const reverts: ChangeBlock[] = [];
  const others: ChangeBlock[] = [];
  for (const block of listChangeBlocks(file)) {
    (candidates.some((d) => undoes(block, d)) ? reverts : others).push(block);
  }
  return { reverts, others };
}

function undoes(patch: ChangeBlock, deploy: ChangeBlock): boolean {
  return patch.oldBefore === deploy.newBefore && sameLines(patch.removed, deploy.added) && sameLines(patch.added, deploy.removed);
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((line, i) => line === b[i]);
}
