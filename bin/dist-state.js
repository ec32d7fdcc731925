// Whether dist/ is the build of the sources beside it: the build's stamp (the time it started)
// against src/'s newest mtime, ~300 stats (a few ms). An installed package's files all carry the
// packer's fixed mtime, older than any stamp.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Why dist/ must not run (missing, or a source changed after the build), or undefined when it may. */
export function findStaleReason(root) {
  let builtAtMs;
  try {
    ({ builtAtMs } = JSON.parse(readFileSync(join(root, 'dist', 'build-stamp.json'), 'utf8')));
  } catch {
    return 'dist/ is missing or incomplete';
  }
  for (const e of readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    // parentPath is Node 20.12+; path is its older name.
    const file = join(e.parentPath ?? e.path, e.name);
    if (statSync(file).mtimeMs > builtAtMs) return `${relative(root, file)} changed after the last build`;
  }
  return undefined;
}
