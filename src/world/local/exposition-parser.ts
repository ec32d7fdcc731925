/** One sample line of the Prometheus text exposition format (0.0.4), labels including __name__. */
export interface ExposedSample {
  labels: Record<string, string>;
  value: number;
}

/**
 * Parses what prom-client serves at /metrics: `name{label="value",...} value [timestamp]` per
 * line, `#` comments skipped. Label values may escape `\\`, `\"` and `\n`. A timestamp, when
 * present, is ignored: the scraper stamps samples with the scrape time, as Prometheus does for
 * targets that do not send one. Throws on a malformed line (a scrape failure).
 */
export function parseExposition(text: string): ExposedSample[] {
  const out: ExposedSample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    out.push(parseLine(line));
  }
  return out;
}

function parseLine(line: string): ExposedSample {
  const nameEnd = line.search(/[{\s]/);
  if (nameEnd <= 0) throw new Error(`malformed sample line: ${line}`);
  const labels: Record<string, string> = { __name__: line.slice(0, nameEnd) };
  let pos = nameEnd;
  if (line[pos] === '{') pos = parseLabels(line, pos + 1, labels);
  const [valueText] = line.slice(pos).trim().split(/\s+/);
  return { labels, value: parseValue(valueText, line) };
}

/** Reads `a="x",b="y"}` from `pos`; returns the index after the closing brace. */
function parseLabels(line: string, pos: number, labels: Record<string, string>): number {
  for (;;) {
    while (line[pos] === ' ' || line[pos] === ',') pos++;
    if (line[pos] === '}') return pos + 1;
    const eq = line.indexOf('=', pos);
    if (eq < 0 || line[eq + 1] !== '"') throw new Error(`malformed labels: ${line}`);
    const name = line.slice(pos, eq).trim();
    let value = '';
    let i = eq + 2;
    for (; i < line.length && line[i] !== '"'; i++) {
      if (line[i] !== '\\') {
        value += line[i];
        continue;
      }
      const next = line[++i];
      value += next === 'n' ? '\n' : next;
    }
    if (i >= line.length) throw new Error(`unterminated label value: ${line}`);
    labels[name] = value;
    pos = i + 1;
  }
}

function parseValue(text: string | undefined, line: string): number {
  if (text === undefined || text === '') throw new Error(`sample without a value: ${line}`);
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return Number.NaN;
  const v = Number(text);
  if (Number.isNaN(v)) throw new Error(`invalid sample value ${JSON.stringify(text)}: ${line}`);
  return v;
}
