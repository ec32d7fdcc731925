/**
 * The Kubernetes JSONPath form the web provider uses (k8s.io/client-go/util/jsonpath, as in
 * webmetric.go:NewWebMetricJsonParser): one `{...}` expression such as `{$.data.ok}`,
 * `{.items[0].value}`, `{$.results[*].ok}`, `{$..count}`, `{$.items[?(@.name=="a")].v}`.
 * Missing keys are errors ("x is not found"), as with allowMissingKeys=false.
 */
export type JsonPathSegment =
  | { kind: 'field'; name: string }
  | { kind: 'recursive'; name: string }
  | { kind: 'wildcard' }
  | { kind: 'index'; indexes: number[] }
  | { kind: 'slice'; start?: number; end?: number }
  | { kind: 'filter'; path: JsonPathSegment[]; op?: string; literal?: unknown };

export function parseK8sJsonPath(template: string): JsonPathSegment[] {
  const m = /^\{(.*)\}$/s.exec(template.trim());
  if (!m) throw new Error(`jsonPath ${JSON.stringify(template)}: firedrill supports a single {...} expression, e.g. {$.data.ok}`);
  let body = m[1].trim();
  if (body.startsWith('$')) body = body.slice(1);
  return parseSegments(body, template);
}

function parseSegments(body: string, template: string): JsonPathSegment[] {
  const segments: JsonPathSegment[] = [];
  let i = 0;
  const bad = (why: string): never => {
    throw new Error(`unrecognized jsonPath ${JSON.stringify(template)}: ${why}`);
  };
  while (i < body.length) {
    if (body.startsWith('..', i)) {
      const name = /^[^.[\]]+/.exec(body.slice(i + 2))?.[0] ?? bad('expected a field after ..');
      segments.push({ kind: 'recursive', name });
      i += 2 + name.length;
    } else if (body[i] === '.') {
      const name = /^[^.[\]]*/.exec(body.slice(i + 1))?.[0] ?? '';
      if (name === '') {
        i += 1;
        continue;
      }
      segments.push(name === '*' ? { kind: 'wildcard' } : { kind: 'field', name });
      i += 1 + name.length;
    } else if (body[i] === '[') {
      const end = findClosingBracket(body, i) ?? bad('unclosed [');
      segments.push(parseBracket(body.slice(i + 1, end).trim(), template, bad));
      i = end + 1;
    } else {
      const name = /^[^.[\]]+/.exec(body.slice(i))?.[0] ?? bad(`unexpected ${body[i]}`);
      segments.push({ kind: 'field', name });
      i += name.length;
    }
  }
  return segments;
}

function findClosingBracket(body: string, open: number): number | undefined {
  let depth = 0;
  let quote = '';
  for (let j = open; j < body.length; j++) {
    const c = body[j];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return j;
  }
  return undefined;
}

function parseBracket(inner: string, template: string, bad: (why: string) => never): JsonPathSegment {
  if (inner === '*') return { kind: 'wildcard' };
  const quoted = /^(['"])(.*)\1$/s.exec(inner);
  if (quoted) return { kind: 'field', name: quoted[2] };
  if (inner.startsWith('?(') && inner.endsWith(')')) return parseFilter(inner.slice(2, -1).trim(), template, bad);
  const slice = /^(-?\d*)\s*:\s*(-?\d*)$/.exec(inner);
  if (slice) {
    return { kind: 'slice', start: slice[1] === '' ? undefined : Number(slice[1]), end: slice[2] === '' ? undefined : Number(slice[2]) };
  }
  if (/^-?\d+(\s*,\s*-?\d+)*$/.test(inner)) return { kind: 'index', indexes: inner.split(',').map((s) => Number(s.trim())) };
  return bad(`unsupported [${inner}]`);
}

function parseFilter(expr: string, template: string, bad: (why: string) => never): JsonPathSegment {
  const m = /^@((?:\.[^.\s=!<>]+)*)\s*(?:(==|!=|<=|>=|<|>)\s*(.+))?$/.exec(expr);
  if (!m) return bad(`unsupported filter ?(${expr})`);
  const path = parseSegments(m[1], template);
  if (!m[2]) return { kind: 'filter', path };
  const raw = m[3].trim();
  const str = /^(['"])(.*)\1$/s.exec(raw);
  const literal = str ? str[2] : raw === 'true' ? true : raw === 'false' ? false : Number(raw);
  if (!str && typeof literal === 'number' && Number.isNaN(literal)) return bad(`unsupported literal ${raw}`);
  return { kind: 'filter', path, op: m[2], literal };
}

/** Every value the path selects, in document order (map keys sorted, as Go maps have no order). */
export function findJsonPathResults(data: unknown, segments: JsonPathSegment[]): unknown[] {
  let current: unknown[] = [data];
  for (const seg of segments) current = applySegment(current, seg);
  return current;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function applySegment(values: unknown[], seg: JsonPathSegment): unknown[] {
  const out: unknown[] = [];
  switch (seg.kind) {
    case 'field':
      for (const v of values) if (isObject(v) && Object.hasOwn(v, seg.name)) out.push(v[seg.name]);
      if (out.length === 0) throw new Error(`${seg.name} is not found`);
      return out;
    case 'recursive':
      for (const v of values) collectRecursive(v, seg.name, out);
      return out;
    case 'wildcard':
      for (const v of values) {
        if (Array.isArray(v)) out.push(...v);
        else if (isObject(v)) for (const k of Object.keys(v).sort()) out.push(v[k]);
      }
      return out;
    case 'index':
      for (const v of values) {
        if (!Array.isArray(v)) throw new Error(`${JSON.stringify(v)} is not array or slice`);
        for (const raw of seg.indexes) {
          const i = raw < 0 ? v.length + raw : raw;
          if (i < 0 || i >= v.length) throw new Error(`array index out of bounds: index ${raw}, length ${v.length}`);
          out.push(v[i]);
        }
      }
      return out;
    case 'slice':
      for (const v of values) if (Array.isArray(v)) out.push(...v.slice(seg.start, seg.end));
      return out;
    case 'filter':
      for (const v of values) {
        const items = Array.isArray(v) ? v : [v];
        for (const item of items) if (matchesFilter(item, seg)) out.push(item);
      }
      return out;
  }
}

function collectRecursive(v: unknown, name: string, out: unknown[]): void {
  if (isObject(v)) {
    if (Object.hasOwn(v, name)) out.push(v[name]);
    for (const k of Object.keys(v).sort()) collectRecursive(v[k], name, out);
  } else if (Array.isArray(v)) {
    for (const item of v) collectRecursive(item, name, out);
  }
}

function matchesFilter(item: unknown, seg: Extract<JsonPathSegment, { kind: 'filter' }>): boolean {
  let found: unknown[];
  try {
    found = findJsonPathResults(item, seg.path);
  } catch {
    return false;
  }
  if (seg.op === undefined) return found.length > 0;
  return found.some((x) => compare(x, seg.op as string, seg.literal));
}

function compare(x: unknown, op: string, lit: unknown): boolean {
  switch (op) {
    case '==': return x === lit;
    case '!=': return x !== lit;
  }
  if (typeof x !== typeof lit || (typeof x !== 'number' && typeof x !== 'string')) return false;
  const [a, b] = [x as number | string, lit as number | string];
  return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
}
