import type { SyntaxNode } from '@lezer/common';
import type { PosRange } from '../syntax-tree.ts';

/** Small helpers over lezer nodes, shared by the tree builders. */

export class BuildError extends Error {
  constructor(readonly pos: PosRange, message: string) {
    super(message);
  }
}

/** Child nodes, without comments. */
export function kids(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.name !== 'LineComment') out.push(c);
  return out;
}

export function posOf(node: SyntaxNode): PosRange {
  return { start: node.from, end: node.to };
}

export function fail(node: SyntaxNode | PosRange, message: string): never {
  const pos = 'from' in node ? posOf(node) : node;
  throw new BuildError(pos, message);
}
