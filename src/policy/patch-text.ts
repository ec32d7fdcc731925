/**
 * Writes a unified diff for one file from its text before and after (one hunk around the lines
 * that differ, three lines of context), in `git diff` form so `git apply` takes it. Enough for
 * proposals built in code (the adversaries); not a general diff algorithm.
 */
const CONTEXT = 3;

export function formatFilePatch(path: string, before: string | undefined, after: string | undefined): string {
  const a = toLines(before);
  const b = toLines(after);
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
  const lines = [
    ...a.slice(from, start).map((l) => ` ${l}`),
    ...a.slice(start, endA).map((l) => `-${l}`),
    ...b.slice(start, endB).map((l) => `+${l}`),
    ...a.slice(endA, toA).map((l) => ` ${l}`),
  ];
  const header = [`diff --git a/${path} b/${path}`];
  if (before === undefined) header.push('new file mode 100644');
  if (after === undefined) header.push('deleted file mode 100644');
  header.push(before === undefined ? '--- /dev/null' : `--- a/${path}`, after === undefined ? '+++ /dev/null' : `+++ b/${path}`);
  const range = (at: number, n: number): string => `${n === 0 ? at : at + 1},${n}`;
  const newCount = start - from + (endB - start) + (toA - endA);
  header.push(`@@ -${range(from, toA - from)} +${range(from, newCount)} @@`);
  return `${[...header, ...lines].join('\n')}\n`;
}

function toLines(text: string | undefined): string[] {
  if (text === undefined || text === '') return [];
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}
