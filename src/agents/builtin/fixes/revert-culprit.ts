import type { Culprit } from '../../protocol/agent-answer.ts';
import { addedText, parseUnifiedDiff, pathOf, type DiffFile, type DiffHunk } from '../../../util/unified-diff.ts';
import { writeRevertPatch } from '../../../util/write-patch.ts';

/**
 * A revert of the offending hunk, and of every other hunk of the deploy that depends on it: a
 * hunk that uses a name the reverted code defines (a function, a constant) or imports a file the
 * revert removes, and the test files the commit changed beside them. Innocent changes in the same
 * commit stay. Undefined when the culprit names no
 * hunk of the diff.
 */
export function revertCulprit(diff: string, culprit: Culprit): { patch: string; hunks: number; files: string[] } | undefined {
  const files = parseUnifiedDiff(diff).files;
  const start = findHunk(files, culprit);
  if (!start) return undefined;
  const chosen = new Set<DiffHunk>([start.hunk]);
  const fileOf = new Map<DiffHunk, DiffFile>(files.flatMap((f) => f.hunks.map((h) => [h, f] as const)));
  for (let grew = true; grew;) {
    grew = false;
    const names = new Set([...chosen].flatMap(definedNames));
    const removedModules = files.filter((f) => f.status === 'added' && f.hunks.every((h) => chosen.has(h))).map((f) => moduleName(pathOf(f)));
    for (const [h, f] of fileOf) {
      if (chosen.has(h) || f.status === 'deleted') continue;
      const text = addedText(h);
      if ([...names].some((n) => new RegExp(`\\b${escape(n)}\\b`).test(text)) || removedModules.some((m) => text.includes(m))) {
        chosen.add(h);
        grew = true;
      }
    }
  }
  // The tests the commit adjusted beside the reverted code go back with it, as `git revert`
  // would take them: otherwise the restored code fails the test that now expects the change.
  const dirs = new Set(files.filter((f) => f.hunks.some((h) => chosen.has(h))).map((f) => dirOf(pathOf(f))));
  for (const f of files) if (TEST_FILE.test(pathOf(f)) && dirs.has(dirOf(pathOf(f)))) for (const h of f.hunks) chosen.add(h);
  const touched = files.filter((f) => f.hunks.some((h) => chosen.has(h))).map(pathOf);
  return { patch: writeRevertPatch(files, chosen), hunks: chosen.size, files: touched };
}

function findHunk(files: DiffFile[], culprit: Culprit): { file: DiffFile; hunk: DiffHunk } | undefined {
  const norm = (p: string): string => p.replace(/^(\.\/|[ab]\/)/, '');
  const file = files.find((f) => norm(pathOf(f)) === norm(culprit.file));
  if (!file) return undefined;
  const quote = culprit.text?.trim();
  const hunk = file.hunks.find((h) => culprit.line !== undefined && culprit.line >= h.newStart && culprit.line < h.newStart + Math.max(1, h.newLines))
    ?? (quote ? file.hunks.find((h) => addedText(h).includes(quote)) : undefined)
    ?? (file.hunks.length === 1 ? file.hunks[0] : undefined);
  return hunk ? { file, hunk } : undefined;
}

/**
 * Names a hunk's added lines declare (what other code can use): at the top level of a module,
 * or inside a function, since a later hunk of the same function may read a local it adds.
 */
function definedNames(h: DiffHunk): string[] {
  const out: string[] = [];
  for (const l of h.lines) {
    if (l.kind !== '+') continue;
    const m = /^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?(?:function\s*\*?\s*|class\s+|const\s+|let\s+|var\s+)([A-Za-z_$][\w$]*)/.exec(l.text);
    if (m) out.push(m[1]);
  }
  return out;
}

const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;

function dirOf(path: string): string {
  return path.split('/').slice(0, -1).join('/');
}

/** How another module imports this file: `./recommend.js` -> `recommend.js`. */
function moduleName(path: string): string {
  return path.split('/').at(-1)!;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
