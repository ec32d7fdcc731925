import type { IncomingMessage } from 'node:http';
import { parseDurationLiteral } from '../promql/parse/literals.ts';

/** Reads and converts request parameters the way Prometheus's web/api/v1 does. */

export class BadData extends Error {}

/** Query-string and (for POST) form-urlencoded body parameters, merged. */
export async function readParams(req: IncomingMessage, url: URL): Promise<URLSearchParams> {
  const params = new URLSearchParams(url.search);
  if (req.method === 'POST') {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const type = req.headers['content-type'] ?? '';
    if (type.includes('application/x-www-form-urlencoded') || type === '') {
      for (const [k, v] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) params.append(k, v);
    }
  }
  return params;
}

/** A time parameter: Unix seconds (float) or RFC 3339; ms. */
export function parseTime(text: string, name: string): number {
  const trimmed = text.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) {
    const s = Number(trimmed);
    const whole = Math.trunc(s);
    return whole * 1000 + Math.round((s - whole) * 1000);
  }
  const ms = Date.parse(trimmed);
  if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}T/.test(trimmed)) {
    throw new BadData(`invalid parameter "${name}": cannot parse "${text}" to a valid timestamp`);
  }
  return ms;
}

/** A duration parameter: float seconds or a Prometheus duration ("15s", "1m30s"); ms. */
export function parseDurationParam(text: string, name: string): number {
  const trimmed = text.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) {
    const v = Number(trimmed) * 1000;
    if (!Number.isFinite(v)) throw new BadData(`invalid parameter "${name}": cannot parse "${text}" to a valid duration. It overflows int64`);
    return Math.round(v);
  }
  const d = parseDurationLiteral(trimmed);
  if (d === undefined) throw new BadData(`invalid parameter "${name}": cannot parse "${text}" to a valid duration`);
  return d;
}

export function requireParam(params: URLSearchParams, name: string): string {
  const v = params.get(name);
  if (v === null || v === '') throw new BadData(`invalid parameter "${name}": missing`);
  return v;
}
