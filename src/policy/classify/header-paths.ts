/**
 * The `diff --git`, `---` and `+++` paths of a patch as written, outside hunk bodies (a removed line "-- x"
 * reads as "--- x" inside a hunk). git apply strips the first directory of each (-p1); the
 * classifier strips only a/ and b/, so a path written without them would be classified as one
 * file and applied to another.
 */
const HUNK = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/;

export function findUnprefixedPath(patch: string): string | undefined {
  let oldLeft = 0;
  let newLeft = 0;
  for (const line of patch.split('\n')) {
    if (oldLeft > 0 || newLeft > 0) {
      const k = line[0];
      if (k === ' ' || line === '') { oldLeft--; newLeft--; continue; }
      if (k === '-') { oldLeft--; continue; }
      if (k === '+') { newLeft--; continue; }
      if (k === '\\') continue;
      oldLeft = newLeft = 0;
    }
    const h = HUNK.exec(line);
    if (h) {
      oldLeft = h[1] === undefined ? 1 : Number(h[1]);
      newLeft = h[2] === undefined ? 1 : Number(h[2]);
      continue;
    }
    if (line.startsWith('diff --git ') && !/^diff --git "?a\/.* "?b\//.test(line)) return line.slice(11);
    const m = /^(---|\+\+\+) (.*)$/.exec(line);
    if (!m) continue;
    const path = m[2].split('\t')[0].replace(/^"/, '');
    if (path !== '/dev/null' && !path.startsWith(m[1] === '---' ? 'a/' : 'b/')) return m[2];
  }
  return undefined;
}
