import { UserInputError } from '../../util/index.ts';
import type { Labels } from '../labels.ts';
import { parseSeriesDescriptor } from './load-notation.ts';

/**
 * OpenMetrics text (what `promtool tsdb create-blocks-from openmetrics` reads): one sample per
 * line, `name{labels} value timestamp`, timestamps in seconds, `# EOF` at the end. Comments
 * (# HELP, # TYPE, # UNIT) are skipped; exemplars after ` # ` are ignored.
 */
export interface TextSample {
  labels: Labels;
  /** ms */
  t: number;
  v: number;
}

export function parseOpenMetrics(text: string, file = 'series file'): TextSample[] {
  const out: TextSample[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const body = line.includes(' # ') ? line.slice(0, line.indexOf(' # ')) : line;
    let parsed;
    try {
      parsed = parseSeriesDescriptor(body);
    } catch (err) {
      throw new UserInputError(`${file}:${i + 1}: ${(err as Error).message}`);
    }
    const [value, timestamp, extra] = parsed.rest.trim().split(/\s+/);
    if (value === undefined || value === '' || extra !== undefined) {
      throw new UserInputError(`${file}:${i + 1}: expected "<series> <value> <timestamp>", got ${JSON.stringify(line)}`);
    }
    if (timestamp === undefined) {
      throw new UserInputError(`${file}:${i + 1}: sample without a timestamp`, {
        hint: 'a series file needs a time for every sample: add the Unix time in seconds after the value',
      });
    }
    const v = parseSampleValue(value);
    const seconds = Number(timestamp);
    if (Number.isNaN(v) && !/^nan$/i.test(value)) throw new UserInputError(`${file}:${i + 1}: invalid value ${JSON.stringify(value)}`);
    if (!Number.isFinite(seconds)) throw new UserInputError(`${file}:${i + 1}: invalid timestamp ${JSON.stringify(timestamp)}`);
    out.push({ labels: parsed.labels, t: Math.round(seconds * 1000), v });
  }
  return out;
}

function parseSampleValue(text: string): number {
  if (/^[+]?inf$/i.test(text)) return Infinity;
  if (/^-inf$/i.test(text)) return -Infinity;
  return Number(text);
}

/** Formats samples as OpenMetrics text (sorted by series then time, as promtool requires). */
export function formatOpenMetrics(samples: readonly TextSample[]): string {
  const lines = samples.map((s) => `${descriptor(s.labels)} ${formatValue(s.v)} ${s.t / 1000}`);
  return `${lines.join('\n')}\n# EOF\n`;
}

function descriptor(labels: Labels): string {
  const { __name__: name = '', ...rest } = labels;
  const inner = Object.keys(rest).sort().map((k) => `${k}=${JSON.stringify(rest[k])}`).join(',');
  return inner ? `${name}{${inner}}` : name;
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}
