import { parseDurationLiteral, parseGoNumber, unquoteString } from '../../../src/metrics/promql/parse/literals.ts';
import { expandSequence, parseSeriesLine, type SequenceValue, type SeriesLine } from '../../../src/metrics/series-file/load-notation.ts';
import type { Labels } from '../../../src/metrics/labels.ts';

/**
 * Reader for Prometheus's PromQL test files (promql/promqltest/testdata/*.test), following
 * ../shared/conformance/promql/README.md and promqltest/test.go.
 */
export type Command =
  | { kind: 'clear'; line: number }
  | { kind: 'load'; line: number; interval: number; withNhcb: boolean; series: SeriesLine[] }
  | EvalCommand;

export interface ExpectedSeries {
  labels: Labels;
  values: SequenceValue[];
  /** 1-based position among the expected lines (for `expect ordered`). */
  pos: number;
}

export interface EvalCommand {
  kind: 'eval';
  line: number;
  expr: string;
  instant: boolean;
  /** Instant: start = end = evaluation time. Times and step in ms. */
  start: number;
  end: number;
  step: number;
  fail: boolean;
  failMessage?: string;
  failRegex?: RegExp;
  ordered: boolean;
  /** expect warn / expect info (values are still compared; annotations are not produced). */
  expectsAnnotations: boolean;
  expectedString?: string;
  expectedScalar?: number;
  expectRangeVector: boolean;
  series: ExpectedSeries[];
}

const EVAL_INSTANT = /^eval(?:_(fail|warn|ordered|info))?\s+instant\s+(?:at\s+(.+?))?\s+(.+)$/;
const EVAL_RANGE = /^eval(?:_(fail|warn|info))?\s+range\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+?)\s+(.+)$/;
const LOAD = /^load(?:_(with_nhcb))?\s+(.+?)$/;
const EXPECT = /^expect\s+(ordered|fail|warn|no_warn|info|no_info)(?:\s+(regex|msg):(.+))?$/;

function duration(text: string, line: number): number {
  const d = parseDurationLiteral(text.trim());
  if (d === undefined) throw new Error(`line ${line}: invalid duration ${JSON.stringify(text)}`);
  return d;
}

export function parseTestFile(input: string): Command[] {
  const lines = input.split('\n').map((l) => {
    const t = l.trim();
    return t.startsWith('#') ? '' : t;
  });
  const cmds: Command[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l === '') continue;
    const word = l.split(/[\t ]+/, 1)[0].toLowerCase();
    // The block a command owns runs to the next empty line.
    let j = i + 1;
    while (j < lines.length && lines[j] !== '') j++;
    const body = lines.slice(i + 1, j);
    if (word === 'clear') cmds.push({ kind: 'clear', line: i + 1 });
    else if (word.startsWith('load')) cmds.push(parseLoad(l, body, i + 1));
    else if (word.startsWith('eval')) cmds.push(parseEval(l, body, i + 1));
    else throw new Error(`line ${i + 1}: invalid command ${JSON.stringify(l)}`);
    i = word === 'clear' ? i : j - 1;
  }
  return cmds;
}

function parseLoad(head: string, body: string[], line: number): Command {
  const m = LOAD.exec(head);
  if (!m) throw new Error(`line ${line}: invalid load command`);
  return { kind: 'load', line, interval: duration(m[2], line), withNhcb: m[1] === 'with_nhcb', series: body.map(parseSeriesLine) };
}

function parseEval(head: string, body: string[], line: number): EvalCommand {
  const inst = EVAL_INSTANT.exec(head);
  const rng = inst ? null : EVAL_RANGE.exec(head);
  if (!inst && !rng) throw new Error(`line ${line}: invalid eval command`);
  const mod = (inst ?? rng)![1];
  const cmd: EvalCommand = {
    kind: 'eval', line, expr: inst ? inst[3] : rng![5], instant: Boolean(inst), start: 0, end: 0, step: 0,
    fail: mod === 'fail', ordered: mod === 'ordered', expectsAnnotations: mod === 'warn' || mod === 'info',
    expectRangeVector: false, series: [],
  };
  if (inst) cmd.start = cmd.end = duration(inst[2] ?? '0', line);
  else [cmd.start, cmd.end, cmd.step] = [duration(rng![2], line), duration(rng![3], line), duration(rng![4], line)];
  let pos = 0;
  for (const def of body) {
    if (cmd.fail && def.startsWith('expected_fail_message')) {
      cmd.failMessage = def.slice('expected_fail_message'.length).trim();
      break;
    }
    if (cmd.fail && def.startsWith('expected_fail_regexp')) {
      cmd.failRegex = new RegExp(def.slice('expected_fail_regexp'.length).trim());
      break;
    }
    const rv = /^expect range vector from (\S+) to (\S+) step (\S+)$/.exec(def);
    if (rv) {
      [cmd.start, cmd.end, cmd.step] = [duration(rv[1], line), duration(rv[2], line), duration(rv[3], line)];
      cmd.expectRangeVector = true;
      continue;
    }
    if (def.startsWith('expect string')) {
      cmd.expectedString = unquoteString(def.slice('expect string'.length).trim());
      continue;
    }
    if (def.split(' ')[0] === 'expect') {
      readExpect(def, cmd, line);
      continue;
    }
    const num = parseGoNumber(def);
    if (num !== undefined) {
      cmd.expectedScalar = num;
      break;
    }
    const s = parseSeriesLine(def);
    cmd.series.push({ labels: s.labels, values: s.values, pos: ++pos });
  }
  return cmd;
}

function readExpect(def: string, cmd: EvalCommand, line: number): void {
  const m = EXPECT.exec(def.trim());
  if (!m) throw new Error(`line ${line}: invalid expect line ${JSON.stringify(def)}`);
  const [, type, matchKind, text] = m;
  if (type === 'ordered') cmd.ordered = true;
  else if (type === 'fail') {
    cmd.fail = true;
    if (matchKind === 'msg') cmd.failMessage = text.trim();
    if (matchKind === 'regex') cmd.failRegex = new RegExp(text.trim());
  } else if (type === 'warn' || type === 'info') cmd.expectsAnnotations = true;
}

export { expandSequence };
