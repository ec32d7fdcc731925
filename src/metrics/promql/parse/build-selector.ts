import type { SyntaxNode } from '@lezer/common';
import type { LabelMatcher } from '../../tsdb.ts';
import { matchesLabel } from '../../label-matcher.ts';
import { GoRegexError, compileAnchoredRegex } from '../go-regex.ts';
import type { VectorSelector } from '../syntax-tree.ts';
import { fail, kids, posOf } from './lezer-node.ts';
import { quoteGo, unquoteString } from './literals.ts';

const MATCH_OPS: Record<string, LabelMatcher['type']> = {
  EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~',
};

/** `name{a="b", "c.d"=~"e"}` into a VectorSelector, with Prometheus's checks. */
export function buildVectorSelector(node: SyntaxNode, text: string): VectorSelector {
  let name: string | undefined;
  const matchers: LabelMatcher[] = [];
  for (const child of kids(node)) {
    if (child.name === 'Identifier' || child.name === 'MetricName') name = text.slice(child.from, child.to);
    else if (child.name === 'LabelMatchers') matchers.push(...buildMatchers(child, text));
    else fail(child, `unexpected ${JSON.stringify(text.slice(child.from, child.to))} in vector selector`);
  }
  if (name !== undefined) {
    if (matchers.some((m) => m.name === '__name__')) {
      const other = matchers.find((m) => m.name === '__name__')!;
      fail(node, `metric name must not be set twice: ${quoteGo(name)} or ${quoteGo(other.value)}`);
    }
    matchers.push({ name: '__name__', type: '=', value: name });
  } else if (!matchers.some((m) => !matchesLabel(m, ''))) {
    fail(node, 'vector selector must contain at least one non-empty matcher');
  }
  return { kind: 'vectorSelector', name, matchers, offset: 0, pos: posOf(node) };
}

function buildMatchers(node: SyntaxNode, text: string): LabelMatcher[] {
  const out: LabelMatcher[] = [];
  for (const child of kids(node)) {
    const parts = kids(child);
    if (child.name === 'QuotedLabelName') {
      // A bare quoted name in braces is the metric name: {"my.metric"}.
      out.push({ name: '__name__', type: '=', value: readString(parts[0], text) });
      continue;
    }
    if (child.name !== 'UnquotedLabelMatcher' && child.name !== 'QuotedLabelMatcher') {
      fail(child, `unexpected ${JSON.stringify(text.slice(child.from, child.to))} inside braces`);
    }
    const [nameNode, opNode, valueNode] = parts;
    const labelName = nameNode.name === 'QuotedLabelName'
      ? readString(kids(nameNode)[0], text)
      : text.slice(nameNode.from, nameNode.to);
    const op = MATCH_OPS[kids(opNode)[0]?.name ?? ''];
    if (!op || !valueNode) fail(child, 'unexpected character inside braces');
    const value = readString(valueNode, text);
    if (op === '=~' || op === '!~') checkRegex(valueNode, value);
    out.push({ name: labelName, type: op, value });
  }
  return out;
}

export function readString(node: SyntaxNode, text: string): string {
  const raw = text.slice(node.from, node.to);
  const value = unquoteString(raw);
  if (value === undefined) fail(node, `error unquoting string ${quoteGo(raw)}: invalid syntax`);
  return value;
}

function checkRegex(node: SyntaxNode, pattern: string): void {
  try {
    compileAnchoredRegex(pattern);
  } catch (err) {
    const why = err instanceof GoRegexError || err instanceof SyntaxError ? err.message : String(err);
    fail(node, `invalid regular expression ${quoteGo(pattern)}: ${why}`);
  }
}
