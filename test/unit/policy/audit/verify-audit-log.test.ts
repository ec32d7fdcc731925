import { describe, expect, it } from 'vitest';
import { AuditChain, GENESIS, hashRecord, formatRecord, type AuditRecord } from '../../../../src/policy/audit/audit-record.ts';
import { sha256Hex } from '../../../../src/util/canonical-json.ts';
import { verifyAuditLog, type BreakKind } from '../../../../src/policy/audit/verify-audit-log.ts';

/**
 * 100 records (open, 98 decisions and applies, seal), then every single tampering of each kind:
 * the verifier must call it broken, name the right line and the right kind.
 */
const N = 100;

function makeLog(): { lines: string[]; head: string } {
  const chain = new AuditChain();
  const lines = [chain.next('open', { log: 'firedrill.audit/v1', run: 'test' }, 0).line];
  for (let i = 1; i < N - 1; i++) {
    const data = i % 3 === 0 ? { commit: `c${i}`, files: ['services/checkout/config.json'] } : { verdict: i % 2 ? 'allow' : 'deny', rule: `rule-${i}`, classes: [{ class: 'scale', factor: 1.5 }] };
    lines.push(chain.next(i % 3 === 0 ? 'apply' : 'decision', data, i * 1000).line);
  }
  lines.push(chain.next('seal', { records: N - 1 }, N * 1000).line);
  return { lines, head: chain.head };
}

const { lines: LOG, head: HEAD } = makeLog();
const text = (lines: string[]): string => lines.map((l) => `${l}\n`).join('');

function expectBroken(lines: string[] | string, kind: BreakKind, line: number, head?: string): void {
  const v = verifyAuditLog(typeof lines === 'string' ? lines : text(lines), { head });
  expect(v.ok ? 'intact' : `${v.kind}@${v.line}`).toBe(`${kind}@${line}`);
}

/** A record that passes every check on its own: what a forger who knows the format writes. */
function forge(seq: number, prevLine: string | undefined, data: unknown): string {
  const body = { seq, at: 123, kind: 'decision' as const, data, prev: prevLine === undefined ? GENESIS : sha256Hex(prevLine) };
  return formatRecord({ ...body, hash: hashRecord(body) });
}

function edit(line: string, resealed: boolean): string {
  const r = JSON.parse(line) as AuditRecord;
  const changed = { ...r, data: { ...(r.data as object), tampered: true } };
  return formatRecord(resealed ? { ...changed, hash: hashRecord(changed) } : changed);
}

describe('verifyAuditLog over 100 records', () => {
  it('accepts the intact log, with its head', () => {
    const v = verifyAuditLog(text(LOG), { head: HEAD });
    expect(v).toEqual({ ok: true, records: N, head: HEAD });
  });

  it('names every single-record edit (content changed, hash left as it was)', () => {
    for (let i = 0; i < N; i++) expectBroken(LOG.map((l, j) => (j === i ? edit(l, false) : l)), 'edited', i + 1);
  });

  it('names every single-record edit whose own hash was recomputed (the next link breaks; the seal needs the head)', () => {
    for (let i = 0; i < N; i++) expectBroken(LOG.map((l, j) => (j === i ? edit(l, true) : l)), 'edited', i + 1, HEAD);
  });

  it('names an edit that only reformats a line', () => {
    const pretty = LOG.map((l, j) => (j === 40 ? JSON.stringify(JSON.parse(l), null, 0).replace('{', '{ ') : l));
    expectBroken(pretty, 'edited', 41);
  });

  it('names every single-record deletion (the seal\'s is a truncation)', () => {
    for (let i = 0; i < N; i++) {
      const lines = LOG.filter((_, j) => j !== i);
      if (i === N - 1) expectBroken(lines, 'truncated', N);
      else expectBroken(lines, 'deleted', i + 1);
    }
  });

  it('names every insertion of a forged, correctly linked record, at every position', () => {
    for (let p = 0; p <= N; p++) {
      const lines = [...LOG.slice(0, p), forge(p, LOG[p - 1], { verdict: 'allow', rule: 'forged' }), ...LOG.slice(p)];
      expectBroken(lines, 'inserted', p + 1);
    }
  });

  it('names insertions of a forged record with a broken link, and of replayed copies', () => {
    for (const p of [0, 1, 37, 98, 99]) {
      expectBroken([...LOG.slice(0, p), forge(p, 'nonsense', {}), ...LOG.slice(p)], 'inserted', p + 1);
    }
    for (const [copy, p] of [[10, 50], [60, 20], [0, 99], [98, 3], [5, 100]]) {
      expectBroken([...LOG.slice(0, p), LOG[copy], ...LOG.slice(p)], 'inserted', p + 1);
    }
    expectBroken([...LOG.slice(0, 30), '', ...LOG.slice(30)], 'inserted', 31);
  });

  it('names every adjacent swap', () => {
    for (let i = 0; i < N - 1; i++) {
      const lines = [...LOG];
      [lines[i], lines[i + 1]] = [lines[i + 1], lines[i]];
      expectBroken(lines, 'reordered', i + 1);
    }
  });

  it('names every distant swap', () => {
    let checked = 0;
    for (let i = 0; i < N; i++) {
      for (let j = i + 2; j < N; j++) {
        const lines = [...LOG];
        [lines[i], lines[j]] = [lines[j], lines[i]];
        expectBroken(lines, 'reordered', i + 1);
        checked++;
      }
    }
    expect(checked).toBe(((N - 1) * (N - 2)) / 2);
  }, 60_000);

  it('names every truncation at a record boundary, and one mid-line', () => {
    for (let k = 0; k < N; k++) expectBroken(LOG.slice(0, k), 'truncated', k + 1);
    const cut = text(LOG).slice(0, text(LOG).length - 40);
    expectBroken(cut, 'truncated', N);
  });

  it('catches a log rewritten from the middle on, seal and all, only with the recorded head', () => {
    const chain = new AuditChain();
    const rewritten = LOG.slice(0, 50).map((l) => {
      const r = JSON.parse(l) as AuditRecord;
      return chain.next(r.kind, r.data, r.at).line;
    });
    rewritten.push(chain.next('seal', { records: 50 }, 1).line);
    expect(verifyAuditLog(text(rewritten)).ok).toBe(true);
    expectBroken(rewritten, 'edited', 51, HEAD);
  });
});
