import { formatLabels, labelsKey } from '../../../src/metrics/labels.ts';
import type { QueryResult } from '../../../src/metrics/metric-source.ts';
import { almostEqual } from '../../../src/metrics/promql/eval/quantile.ts';
import type { EvalCommand } from './test-file.ts';

export type Outcome = { ok: true } | { ok: false; reason: string };

const EPSILON = 1e-6;

/** promqltest's compareResult: exact label sets, values within relative 1e-6, NaN equals NaN. */
export function compareResult(cmd: EvalCommand, result: QueryResult, rangeMode: boolean): Outcome {
  const expected = new Map(cmd.series.map((s) => [labelsKey(s.labels), s]));
  switch (result.resultType) {
    case 'matrix': {
      if (cmd.ordered) return fail('expected ordered result, but query returned a matrix');
      if (cmd.expectedScalar !== undefined) return fail('expected scalar result, but got matrix');
      const seen = new Set<string>();
      for (const s of result.result) {
        const key = labelsKey(s.metric);
        const exp = expected.get(key);
        if (!exp) return fail(`unexpected metric ${formatLabels(s.metric)} in result`);
        seen.add(key);
        const points: [number, number][] = [];
        exp.values.forEach((v, i) => {
          if (v.kind === 'value') points.push([cmd.start + i * cmd.step, v.v]);
        });
        if (points.length !== s.values.length) {
          return fail(`expected ${points.length} points for ${formatLabels(s.metric)}, got ${JSON.stringify(s.values)}`);
        }
        for (let i = 0; i < points.length; i++) {
          const [et, ev] = points[i];
          const [at, av] = s.values[i];
          if (et !== at) return fail(`point ${i} of ${formatLabels(s.metric)} at ${at}, expected ${et}`);
          if (!almostEqual(ev, av, EPSILON)) return fail(`point ${i} (t=${at}) of ${formatLabels(s.metric)} is ${av}, expected ${ev}`);
        }
      }
      for (const [key, s] of expected) if (!seen.has(key)) return fail(`expected metric ${formatLabels(s.labels)} not found`);
      return { ok: true };
    }
    case 'vector': {
      if (cmd.expectedScalar !== undefined) return fail('expected scalar result, but got vector');
      const seen = new Set<string>();
      for (let pos = 0; pos < result.result.length; pos++) {
        const s = result.result[pos];
        const key = labelsKey(s.metric);
        const exp = expected.get(key);
        if (!exp) return fail(`unexpected metric ${formatLabels(s.metric)} in result, has value ${s.value[1]}`);
        if (cmd.ordered && !rangeMode && exp.pos !== pos + 1) {
          return fail(`expected metric ${formatLabels(s.metric)} at position ${exp.pos} but was at ${pos + 1}`);
        }
        const e0 = exp.values[0];
        if (e0?.kind !== 'value') return fail(`unsupported expectation for ${formatLabels(s.metric)}`);
        if (!almostEqual(e0.v, s.value[1], EPSILON)) return fail(`expected ${e0.v} for ${formatLabels(s.metric)} but got ${s.value[1]}`);
        seen.add(key);
      }
      for (const [key, s] of expected) if (!seen.has(key)) return fail(`expected metric ${formatLabels(s.labels)} not found`);
      return { ok: true };
    }
    case 'scalar':
      if (cmd.expectedScalar === undefined) return fail(`expected vector or matrix result, but got scalar ${result.result[1]}`);
      if (!almostEqual(cmd.expectedScalar, result.result[1], EPSILON)) return fail(`expected scalar ${cmd.expectedScalar} but got ${result.result[1]}`);
      return { ok: true };
    case 'string':
      if (cmd.expectedString !== result.result[1]) return fail(`expected string ${JSON.stringify(cmd.expectedString)} but got ${JSON.stringify(result.result[1])}`);
      return { ok: true };
  }
}

function fail(reason: string): Outcome {
  return { ok: false, reason };
}
