import type { DiffFile, DiffHunk } from './unified-diff.ts';

const CONTEXT = 3;

/**
 * A unified diff (git's format) turning `before` into `after` for one file: one hunk spanning the
 * changed lines (common leading and trailing lines are context). Enough for the small, local
 * edits a fix makes; `git apply` takes it. `before` undefined creates the file, `after` undefined
 * deletes it.
 */
export function writeFilePatch(path: string, before: string | undefined, after: string | undefined): string {
  const a = before === undefined ? [] : splitLines(before);
  const b = after === undefined ? [] : splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  if (start === endA && start === endB && before !== undefined && after !== undefined) return '';
  const from = Math.max(0, start - CONTEXT);
  const toA = Math.min(a.length, endA + CONTEXT);
  const toB = Math.min(b.length, endB + CONTEXT);
  const lines = [
    ...a.slice(from, start).map((l) => ` ${l}`),
    ...a.slice(start, endA).map((l) => `-${l}`),
    ...b.slice(start, endB).map((l) => `+${l}`),
    ...a.slice(endA, toA).map((l) => ` ${l}`),
  ];
  const oldCount = toA - from;
  const newCount = toB - from;
  const header = [
    `diff --git a/${path} b/${path}`,
    ...(before === undefined ? ['new file mode 100644'] : after === undefined ? ['deleted file mode 100644'] : []),
    `--- ${before === undefined ? '/dev/null' : `a/${path}`}`,
    `+++ ${after === undefined ? '/dev/null' : `b/${path}`}`,
    `@@ -${range(from, oldCount)} +${range(from, newCount)} @@`,
  ];
  return [...header, ...lines].join('\n') + '\n';
}

/**
 * The inverse of some hunks of a diff: a patch that undoes exactly those hunks when applied to
 * the diff's result (the reverse of `git apply -R`, for a chosen subset). A file whose every
 * hunk is chosen and that the diff created is deleted again.
 */
export function writeRevertPatch(files: readonly DiffFile[], chosen: ReadonlySet<DiffHunk>): string {
  const out: string[] = [];
  for (const f of files) {
    const hunks = f.hunks.filter((h) => chosen.has(h));
    if (hunks.length === 0) continue;
    const path = (f.newPath ?? f.oldPath)!;
    const whole = hunks.length === f.hunks.length;
    const deletes = whole && f.status === 'added';
    const recreates = whole && f.status === 'deleted';
    out.push(`diff --git a/${path} b/${path}`);
    if (deletes) out.push('deleted file mode 100644');
    if (recreates) out.push('new file mode 100644');
    out.push(`--- ${recreates ? '/dev/null' : `a/${path}`}`, `+++ ${deletes ? '/dev/null' : `b/${path}`}`);
    for (const h of hunks) {
      // The original hunk's numbers, sides swapped (git's own numbers, so empty sides stay right).
      out.push(`@@ -${h.newStart},${h.newLines} +${h.oldStart},${h.oldLines} @@${h.section ? ` ${h.section}` : ''}`);
      out.push(...invertLines(h));
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}

/** A hunk's lines with sides swapped; in each run of changes the removals come first, as git writes them. */
function invertLines(h: DiffHunk): string[] {
  const out: string[] = [];
  let minus: string[] = [];
  let plus: string[] = [];
  const flush = (): void => {
    out.push(...minus, ...plus);
    minus = [];
    plus = [];
  };
  for (const l of h.lines) {
    if (l.kind === ' ') {
      flush();
      out.push(` ${l.text}`);
    } else if (l.kind === '+') minus.push(`-${l.text}`);
    else plus.push(`+${l.text}`);
  }
  flush();
  return out;
}

/** `start,count` with git's conventions: 1-based, `0,0` for an empty side. */
function range(from: number, count: number): string {
  return count === 0 ? `${from},0` : `${from + 1},${count}`;
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
