import { UserInputError } from '../../util/index.ts';
import type { Labels } from '../labels.ts';
import { parseGoNumber, unquoteString } from '../promql/parse/literals.ts';

/**
 * The series notation of Prometheus's PromQL test files (`load 5m` blocks and expected results):
 *   http_requests{job="api"}  0+10x10 _ stale 5 _x3
 * Item k of the expanded list is the sample at k * interval. Native histogram items ({{...}})
 * are recognised but not supported: they come back as `histogram` so callers can say so.
 */
export type SequenceValue =
  | { kind: 'value'; v: number }
  | { kind: 'omitted' }
  | { kind: 'stale' }
  | { kind: 'histogram' };

export interface SeriesLine {
  labels: Labels;
  values: SequenceValue[];
}

const NUM = String.raw`[+-]?(?:inf(?:inity)?|nan|(?:\d[\d_]*\.?\d*|\.\d+)(?:e[+-]?\d+)?)`;
const SINGLE = new RegExp(`^(${NUM})$`, 'i');
const REPEAT = new RegExp(`^(${NUM})(?:([+-])(${NUM}))?x(\\d+)$`, 'i');

/** One `<series> <values>` line. */
export function parseSeriesLine(line: string): SeriesLine {
  const { labels, rest } = parseSeriesDescriptor(line);
  return { labels, values: expandSequence(rest) };
}

/** Expands `0+10x3 _ stale 1x2` into one value per slot. */
export function expandSequence(text: string): SequenceValue[] {
  const out: SequenceValue[] = [];
  for (const item of splitItems(text)) {
    if (item === '_') out.push({ kind: 'omitted' });
    else if (/^_x\d+$/.test(item)) for (let i = Number(item.slice(2)); i > 0; i--) out.push({ kind: 'omitted' });
    else if (item === 'stale') out.push({ kind: 'stale' });
    else if (item.startsWith('{{')) {
      const times = /}}(?:x(\d+))?$/.exec(item);
      for (let i = Number(times?.[1] ?? 0); i >= 0; i--) out.push({ kind: 'histogram' });
    } else if (SINGLE.test(item)) out.push({ kind: 'value', v: number(item) });
    else {
      const m = REPEAT.exec(item);
      if (!m) throw new UserInputError(`invalid value ${JSON.stringify(item)} in series values`, { hint: 'items are numbers, a+bxN, a-bxN, axN, _, _xN or stale' });
      let v = number(m[1]);
      const step = m[3] === undefined ? 0 : m[2] === '-' ? -number(m[3]) : number(m[3]);
      out.push({ kind: 'value', v });
      // Repeated addition, exactly as the reference: rounding accumulates the same way.
      for (let i = Number(m[4]); i > 0; i--) out.push({ kind: 'value', v: (v += step) });
    }
  }
  return out;
}

function number(text: string): number {
  const v = parseGoNumber(text);
  if (v === undefined) throw new UserInputError(`invalid number ${JSON.stringify(text)} in series values`);
  return v;
}

/** Whitespace-separated items, keeping `{{ ... }}` histogram items (which contain spaces) whole. */
function splitItems(text: string): string[] {
  const items: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i])) {
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && !/\s/.test(text[j])) {
      if (text.startsWith('{{', j)) {
        const close = text.indexOf('}}', j);
        j = close < 0 ? text.length : close + 2;
      } else j++;
    }
    items.push(text.slice(i, j));
    i = j;
  }
  return items;
}

/** `name{a="b", "c"='d'}` or `{__name__="x"}` or `{}`; returns the labels and the text after it. */
export function parseSeriesDescriptor(line: string): { labels: Labels; rest: string } {
  const text = line.trim();
  const labels: Record<string, string> = {};
  const name = /^[A-Za-z_:][\w:]*/.exec(text);
  let i = name ? name[0].length : 0;
  if (name) labels.__name__ = name[0];
  if (text[i] !== '{') {
    if (!name) throw new UserInputError(`invalid series descriptor: ${JSON.stringify(line)}`);
    return { labels, rest: text.slice(i) };
  }
  i++;
  for (;;) {
    i = skipSpace(text, i);
    if (text[i] === '}') return { labels, rest: text.slice(i + 1) };
    const [labelName, afterName] = readNameOrString(text, i, line);
    i = skipSpace(text, afterName);
    if (text[i] !== '=') {
      if (text[i] === ',' || text[i] === '}') {
        labels.__name__ = labelName; // {"metric.name"} form
      } else throw new UserInputError(`expected = after label ${JSON.stringify(labelName)} in ${JSON.stringify(line)}`);
    } else {
      const [value, afterValue] = readQuoted(text, skipSpace(text, i + 1), line);
      labels[labelName] = value;
      i = afterValue;
    }
    i = skipSpace(text, i);
    if (text[i] === ',') i++;
    else if (text[i] !== '}') throw new UserInputError(`expected , or } in series descriptor ${JSON.stringify(line)}`);
  }
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

function readNameOrString(text: string, i: number, line: string): [string, number] {
  if (/["'`]/.test(text[i] ?? '')) return readQuoted(text, i, line);
  const m = /^[A-Za-z_][\w]*/.exec(text.slice(i));
  if (!m) throw new UserInputError(`invalid label name in series descriptor ${JSON.stringify(line)}`);
  return [m[0], i + m[0].length];
}

function readQuoted(text: string, i: number, line: string): [string, number] {
  const q = text[i];
  if (!/["'`]/.test(q ?? '')) throw new UserInputError(`expected a quoted label value in ${JSON.stringify(line)}`);
  let j = i + 1;
  while (j < text.length && text[j] !== q) j += q !== '`' && text[j] === '\\' ? 2 : 1;
  const value = unquoteString(text.slice(i, j + 1));
  if (value === undefined) throw new UserInputError(`invalid quoted string in ${JSON.stringify(line)}`);
  return [value, j + 1];
}
