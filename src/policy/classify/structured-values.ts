import { kindOf, parseYamlDocuments } from './yaml-documents.ts';
import type { FileReview } from './rule-types.ts';
import { diffValues, type LeafChange } from './value-diff.ts';

/**
 * A JSON or YAML file's change as values: the documents before and after, and the leaves that
 * changed overall (reverts included) and through the patch's own blocks (reverts excluded).
 */
export interface DocLeaf extends LeafChange {
  doc: string;
  objectKind?: string;
}

export interface StructuredChange {
  before: Map<string, unknown>;
  reverted: Map<string, unknown>;
  after: Map<string, unknown>;
  /** base -> final */
  all: DocLeaf[];
  /** reverted -> final */
  own: DocLeaf[];
}

export function readStructuredChange(review: FileReview): StructuredChange | { error: string } {
  const parse = review.kind === 'yaml' ? parseYamlDocuments : parseJsonDocument;
  const before = parse(review.base ?? '');
  const reverted = parse(review.reverted ?? '');
  const after = parse(review.final ?? '');
  if ('error' in after) return { error: `${review.path} does not parse after the patch: ${after.error}` };
  if ('error' in before || 'error' in reverted) return { error: `${review.path} does not parse in the deployed commit` };
  return { before, reverted, after, all: diffDocuments(before, after), own: diffDocuments(reverted, after) };
}

function parseJsonDocument(text: string): Map<string, unknown> | { error: string } {
  if (text.trim() === '') return new Map();
  try {
    return new Map([['#0', JSON.parse(text) as unknown]]);
  } catch (err) {
    return { error: (err as Error).message };
  }
}

function diffDocuments(a: Map<string, unknown>, b: Map<string, unknown>): DocLeaf[] {
  const ids = [...new Set([...a.keys(), ...b.keys()])];
  return ids.flatMap((doc) => diffValues(a.get(doc), b.get(doc)).map((leaf) => ({ ...leaf, doc, objectKind: kindOf(doc) })));
}
