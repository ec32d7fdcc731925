import { CLASSIFY_RULES, FALLBACK_RULES, REVERT_RULE } from './classify-rules.ts';
import type { BlockRule, FileReview, Measured, ValueRule } from './rule-types.ts';
import { formatValue } from './value-diff.ts';
import { readStructuredChange, type DocLeaf, type StructuredChange } from './structured-values.ts';

/**
 * Runs the content rules of the table on one readable file: reverts first, then the value rules
 * (JSON, YAML) or block rules (code), in table order, each change claimed once; what is left goes
 * to the file kind's fallback. Returns findings with the id of the rule that made each.
 */
export interface Finding extends Measured {
  rule: string;
}

const VALUE_RULES = CLASSIFY_RULES.filter((r): r is ValueRule => r.kind === 'value');
const BLOCK_RULES = CLASSIFY_RULES.filter((r): r is BlockRule => r.kind === 'block');

export function classifyContent(review: FileReview): Finding[] | { error: string } {
  const found: Finding[] = [];
  if (review.reverts.length > 0) {
    found.push({ rule: REVERT_RULE.id, class: 'revert-of-offending', detail: `undoes ${review.reverts.length} block(s) of the deploy exactly` });
  }
  if (review.kind === 'code') {
    found.push(...classifyBlocks(review));
  } else if (review.kind === 'docs' || review.kind === 'other') {
    if (review.others.length > 0) found.push(fallbackFor(review, `${review.others.length} block(s) changed`));
  } else {
    const change = readStructuredChange(review);
    if ('error' in change) return change;
    found.push(...classifyValues(review, change));
  }
  return found;
}

function classifyValues(review: FileReview, change: StructuredChange): Finding[] {
  const found: Finding[] = [];
  const claimed = new Set<string>();
  const claimedDocs = new Set<string>();
  const key = (l: DocLeaf): string => `${l.doc}\u0000${l.path}`;
  for (const rule of VALUE_RULES.filter((r) => r.files === review.kind)) {
    const leaves = (rule.scope === 'object' || rule.includeReverts ? change.all : change.own).filter((l) => !claimedDocs.has(l.doc) && !claimed.has(key(l)));
    for (const leaf of leaves) {
      if (rule.objectKinds && !rule.objectKinds.includes(leaf.objectKind ?? '')) continue;
      if (claimedDocs.has(leaf.doc)) continue;
      const m = rule.path ? rule.path.exec(leaf.path) ?? undefined : undefined;
      if (rule.path && !m) continue;
      const ctx = { doc: leaf.doc, objectKind: leaf.objectKind, before: change.reverted.get(leaf.doc), after: change.after.get(leaf.doc) };
      if (rule.scope === 'object') {
        claimedDocs.add(leaf.doc);
        found.push(...rule.measure(leaf, { ...ctx, before: change.before.get(leaf.doc) }, m).map((f) => ({ ...f, rule: rule.id })));
      } else {
        claimed.add(key(leaf));
        found.push(...rule.measure(leaf, ctx, m).map((f) => ({ ...f, rule: rule.id })));
      }
    }
  }
  const left = change.own.filter((l) => !claimedDocs.has(l.doc) && !claimed.has(key(l)));
  if (left.length > 0) found.push(fallbackFor(review, left.slice(0, 3).map((l) => `${l.doc === '#0' ? '' : `${l.doc} `}${l.path || '(document)'} ${formatValue(l.from)} -> ${formatValue(l.to)}`).join('; ') + (left.length > 3 ? `; and ${left.length - 3} more` : '')));
  if (change.own.length === 0 && review.others.length > 0) {
    const format = FALLBACK_RULES[0];
    found.push({ rule: format.id, class: format.class, detail: 'comments or formatting only' });
  }
  return found;
}

function classifyBlocks(review: FileReview): Finding[] {
  const found: Finding[] = [];
  let left = 0;
  for (const block of review.others) {
    const claimed = BLOCK_RULES.map((rule) => ({ rule, m: rule.measure(block) })).find((x) => x.m !== undefined);
    if (claimed?.m) found.push(...claimed.m.map((f) => ({ ...f, rule: claimed.rule.id })));
    else left++;
  }
  if (left > 0) found.push(fallbackFor(review, `${left} block(s) of code changed`));
  return found;
}

function fallbackFor(review: FileReview, detail: string): Finding {
  const rule = FALLBACK_RULES.find((r) => r.id !== 'fallback-format' && r.files.includes(review.kind)) ?? FALLBACK_RULES[FALLBACK_RULES.length - 1];
  return { rule: rule.id, class: rule.class, detail };
}
