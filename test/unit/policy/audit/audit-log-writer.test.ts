import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditLogWriter } from '../../../../src/policy/audit/audit-log-writer.ts';
import { canonicalJson } from '../../../../src/util/canonical-json.ts';
import { verifyAuditLog } from '../../../../src/policy/audit/verify-audit-log.ts';

const dir = mkdtempSync(join(tmpdir(), 'audit-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function writeLog(name: string): Promise<{ path: string; head: string }> {
  const path = join(dir, name);
  const log = await AuditLogWriter.create(path, { at: 0, data: { run: 'error-spike/l4/sim/1' } });
  // Not awaited one by one: the order of the calls is the order of the lines.
  const pending = [
    log.decision({ proposal: 'revert', verdict: 'allow', rule: 'all-safe' }, 1000),
    log.applied({ commit: 'abc123', files: ['services/checkout/tax.js'] }, 2000),
    log.decision({ proposal: 'widen 10x', verdict: 'deny', rule: 'widen-2x-or-more' }, 3000),
  ];
  await Promise.all(pending);
  const head = await log.seal(4000);
  return { path, head };
}

describe('AuditLogWriter', () => {
  it('writes a chain the verifier accepts, in call order, ending at the returned head', async () => {
    const { path, head } = await writeLog('a.jsonl');
    const text = readFileSync(path, 'utf8');
    expect(text.trim().split('\n').map((l) => JSON.parse(l).kind)).toEqual(['open', 'decision', 'apply', 'decision', 'seal']);
    expect(verifyAuditLog(text, { head })).toEqual({ ok: true, records: 5, head });
  });

  it('writes the same bytes for the same records (replayable on sim)', async () => {
    const a = await writeLog('same-1.jsonl');
    const b = await writeLog('same-2.jsonl');
    expect(readFileSync(b.path, 'utf8')).toBe(readFileSync(a.path, 'utf8'));
    expect(b.head).toBe(a.head);
  });

  it('never continues or overwrites an existing log', async () => {
    const path = join(dir, 'exists.jsonl');
    writeFileSync(path, 'earlier\n');
    await expect(AuditLogWriter.create(path, { at: 0 })).rejects.toThrow(/already exists/);
    expect(readFileSync(path, 'utf8')).toBe('earlier\n');
  });

  it('refuses records after the seal, and values JSON cannot hold', async () => {
    const log = await AuditLogWriter.create(join(dir, 'sealed.jsonl'), { at: 0 });
    await expect(log.decision({ factor: Infinity }, 1)).rejects.toThrow(/no form for Infinity/);
    await log.seal(2);
    await expect(log.decision({}, 3)).rejects.toThrow(/sealed/);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
  });
});
