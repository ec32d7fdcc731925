import type { DiffFile, DiffHunk } from '../../util/unified-diff.ts';

/**
 * A hunk's changes without their context: each maximal run of removed and added lines, placed
 * by how many lines of each side come before it. Blocks are what two diffs can be compared by
 * (a revert is the same blocks with sides swapped) whatever context size each was made with.
 */
export interface ChangeBlock {
  /** Lines of the old file before the block. */
  oldBefore: number;
  /** Lines of the new file before the block. */
  newBefore: number;
  removed: string[];
  added: string[];
}

export function listChangeBlocks(file: DiffFile): ChangeBlock[] {
  const blocks: ChangeBlock[] = [];
  for (const hunk of file.hunks) {
    let oldPos = firstLineIndex(hunk.oldStart, hunk.oldLines);
    let newPos = firstLineIndex(hunk.newStart, hunk.newLines);
    let open: ChangeBlock | undefined;
    for (const line of hunk.lines) {
      if (line.kind === ' ') {
        open = undefined;
        oldPos++;
        newPos++;
        continue;
      }
      if (!open) {
        open = { oldBefore: oldPos, newBefore: newPos, removed: [], added: [] };
        blocks.push(open);
      }
      if (line.kind === '-') {
        open.removed.push(line.text);
        oldPos++;
      } else {
        open.added.push(line.text);
        newPos++;
      }
    }
  }
  return blocks;
}

/** git numbers an empty side by the line before it (`-5,0`), a non-empty one by its first line. */
function firstLineIndex(start: number, count: number): number {
  return count === 0 ? start : start - 1;
}

export interface FileLines {
  lines: string[];
  /** Whether the text ended with a newline (kept when the lines are joined again). */
  finalNewline: boolean;
}

export function splitLines(text: string): FileLines {
  if (text === '') return { lines: [], finalNewline: true };
  const finalNewline = text.endsWith('\n');
  return { lines: (finalNewline ? text.slice(0, -1) : text).split('\n'), finalNewline };
}

export function joinLines(f: FileLines): string {
  return f.lines.length === 0 ? '' : f.lines.join('\n') + (f.finalNewline ? '\n' : '');
}

/** Why the hunks do not fit `base` (their old side must be there, in order), or undefined. */
export function findMisfit(path: string, base: FileLines, hunks: readonly DiffHunk[]): string | undefined {
  let end = 0;
  for (const [n, hunk] of hunks.entries()) {
    const at = firstLineIndex(hunk.oldStart, hunk.oldLines);
    if (at < end) return `${path}: hunk ${n + 1} overlaps or precedes the one before it`;
    const old = hunk.lines.filter((l) => l.kind !== '+');
    for (const [k, line] of old.entries()) {
      if (base.lines[at + k] !== line.text) return `${path}: hunk ${n + 1} does not apply (line ${at + k + 1} differs)`;
    }
    end = at + old.length;
  }
  return undefined;
}

/** `base` with some of its blocks applied (blocks must come from hunks that fit it). */
export function applyBlocks(base: FileLines, blocks: readonly ChangeBlock[]): FileLines {
  const sorted = [...blocks].sort((a, b) => a.oldBefore - b.oldBefore);
  const out: string[] = [];
  let pos = 0;
  for (const b of sorted) {
    out.push(...base.lines.slice(pos, b.oldBefore), ...b.added);
    pos = b.oldBefore + b.removed.length;
  }
  out.push(...base.lines.slice(pos));
  return { lines: out, finalNewline: base.finalNewline };
}
