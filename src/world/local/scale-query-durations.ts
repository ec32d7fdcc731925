import { parser } from '@prometheus-io/lezer-promql';
import { parseDurationLiteral, parseNumberLiteral } from '../../metrics/promql/parse/literals.ts';

/**
 * Rewrites a PromQL query written for virtual time into the same query over real time: every
 * range, subquery range and step, and offset is divided by `scale` (`rate(x[1m])` at scale 10 is
 * `rate(x[6000ms])`), and `@ <unix seconds>` timestamps are mapped with `mapAtSeconds`.
 * Rates stay per real second, which is what they are on sim too: the load is not compressed.
 * A query the grammar cannot read is returned unchanged (the server then reports the error).
 */
export function scaleQueryDurations(query: string, scale: number, mapAtSeconds: (s: number) => number): string {
  if (scale === 1) return query;
  const tree = parser.parse(query);
  const edits: { from: number; to: number; text: string }[] = [];
  let broken = false;
  let afterAt = false;
  tree.iterate({
    enter: (node) => {
      if (node.type.isError) broken = true;
      if (node.name === 'At') {
        afterAt = true;
        return;
      }
      const raw = query.slice(node.from, node.to);
      if (node.name === 'NumberDurationLiteralInDurationContext') {
        const ms = literalMs(raw);
        if (ms === undefined) broken = true;
        else edits.push({ from: node.from, to: node.to, text: `${Math.max(1, Math.round(ms / scale))}ms` });
      } else if (afterAt && node.name === 'NumberDurationLiteral') {
        const seconds = parseNumberLiteral(raw);
        if (seconds !== undefined) edits.push({ from: node.from, to: node.to, text: mapAtSeconds(seconds).toFixed(3) });
      }
      afterAt = false;
    },
  });
  if (broken) return query;
  let out = query;
  for (const e of edits.sort((a, b) => b.from - a.from)) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return out;
}

/** `5m`, `1h30m`, `500ms`, or plain seconds (`90`, `1.5`), in ms. */
function literalMs(raw: string): number | undefined {
  const text = raw.replace(/\s+/g, '');
  if (!/^\d+(\.\d+)?$/.test(text)) return parseDurationLiteral(text);
  const seconds = parseNumberLiteral(text);
  return seconds === undefined ? undefined : seconds * 1000;
}

/**
 * The shortest range selector's duration in a query (`rate(x[1m])`: 60000), or undefined when it
 * has none. Subquery ranges count (`[5m:30s]`: 300000); their steps and offsets do not.
 */
export function shortestRangeMs(query: string): number | undefined {
  let shortest: number | undefined;
  for (const m of query.matchAll(/\[\s*([0-9a-z.]+)\s*(?::[^\]]*)?\]/g)) {
    const ms = literalMs(m[1]);
    if (ms !== undefined && (shortest === undefined || ms < shortest)) shortest = ms;
  }
  return shortest;
}
