/** Adds file and line:column to issues, by finding each YAML path's node (or its nearest existing parent). */
import { isMap, isNode, isScalar, type Document, type LineCounter } from 'yaml';
import type { ConfigIssue } from '../../../util/errors.ts';

export function locateIssues(issues: ConfigIssue[], doc: Document | undefined, opts: { file?: string; lineCounter?: LineCounter }): ConfigIssue[] {
  return issues.map((issue) => {
    const located: ConfigIssue = { ...issue };
    if (opts.file !== undefined) located.file = opts.file;
    const pos = doc && opts.lineCounter ? positionOf(doc, opts.lineCounter, issue.path) : undefined;
    if (pos) {
      located.line = pos.line;
      located.column = pos.col;
    }
    return located;
  });
}

function positionOf(doc: Document, lc: LineCounter, path: string): { line: number; col: number } | undefined {
  const parts: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) parts.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  for (let n = parts.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : keyOrValueNode(doc, parts.slice(0, n));
    if (isNode(node) && node.range) return lc.linePos(node.range[0]);
  }
  return undefined;
}

/** The key of a mapping entry (where an editor should point), else the node at the path. */
function keyOrValueNode(doc: Document, parts: (string | number)[]): unknown {
  const parent = parts.length > 1 ? doc.getIn(parts.slice(0, -1), true) : doc.contents;
  const last = parts[parts.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === last);
    if (pair && isNode(pair.key)) return pair.key;
  }
  return doc.getIn(parts, true);
}
