import type { Labels } from '../labels.ts';
import { formatGoFloat } from '../promql/go-float-format.ts';

/**
 * The part of Prometheus's alert templating that rule files use in practice:
 * `{{ $labels.name }}`, `{{ $value }}`, `{{ .Labels.name }}`, `{{ .Value }}`, optionally piped
 * through `humanize`, `humanizePercentage` or `printf "%.2f"`. Anything else is rejected when the
 * rule file is loaded, so a drill never pages with a half-expanded message.
 */
const ACTION = /\{\{-?\s*(.*?)\s*-?\}\}/g;
const VALUE = /^(\$labels\.([A-Za-z_][A-Za-z0-9_]*)|\.Labels\.([A-Za-z_][A-Za-z0-9_]*)|\$value|\.Value)(\s*\|\s*(humanize|humanizePercentage|printf\s+"%(?:\.\d+)?[fgde]"))?$/;

/** The first unsupported template action in `text`, or undefined when all are supported. */
export function findUnsupportedAction(text: string): string | undefined {
  for (const m of text.matchAll(ACTION)) if (!VALUE.test(m[1])) return m[0];
  return undefined;
}

export function expandTemplate(text: string, labels: Labels, value: number): string {
  return text.replace(ACTION, (whole, action: string) => {
    const m = VALUE.exec(action);
    if (!m) return whole;
    const label = m[2] ?? m[3];
    const raw: string | number = label !== undefined ? (labels[label] ?? '') : value;
    return applyPipe(raw, m[5]);
  });
}

function applyPipe(v: string | number, pipe: string | undefined): string {
  const n = typeof v === 'number' ? v : Number(v);
  if (!pipe) return typeof v === 'number' ? formatGoFloat(v, 'g') : v;
  if (pipe === 'humanize') return humanize(n);
  if (pipe === 'humanizePercentage') return `${humanize(n * 100)}%`;
  const spec = /%(?:\.(\d+))?([fgde])/.exec(pipe)!;
  const digits = spec[1] === undefined ? 6 : Number(spec[1]);
  if (spec[2] === 'f') return n.toFixed(digits);
  if (spec[2] === 'e') return n.toExponential(digits);
  if (spec[2] === 'd') return String(Math.trunc(n));
  return formatGoFloat(n, 'g');
}

/** Prometheus's humanize: SI prefixes, 4 significant digits. */
function humanize(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  const big = ['', 'k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
  const small = ['', 'm', 'u', 'n', 'p', 'f', 'a', 'z', 'y'];
  let x = v;
  let prefix = '';
  if (abs >= 1) {
    for (let i = 0; i < big.length && Math.abs(x) >= 1000; i++) {
      x /= 1000;
      prefix = big[i + 1];
    }
  } else {
    for (let i = 0; i < small.length && Math.abs(x) < 1; i++) {
      x *= 1000;
      prefix = small[i + 1];
    }
  }
  return `${Number(x.toPrecision(4))}${prefix}`;
}
