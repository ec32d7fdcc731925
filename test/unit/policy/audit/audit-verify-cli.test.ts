import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLogWriter } from '../../../../src/policy/audit/audit-log-writer.ts';
import { runCli } from '../../../helpers/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'audit-cli-'));
const log = join(dir, 'audit.jsonl');
let head = '';
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  const w = await AuditLogWriter.create(log, { at: 0 });
  for (let i = 1; i <= 5; i++) await w.decision({ proposal: i, verdict: 'deny' }, i);
  head = await w.seal(6);
});

function tampered(name: string, change: (lines: string[]) => string[]): string {
  const lines = readFileSync(log, 'utf8').trimEnd().split('\n');
  const path = join(dir, name);
  writeFileSync(path, change(lines).map((l) => `${l}\n`).join(''));
  return path;
}

describe('firedrill audit verify', () => {
  it('exits 0 on an intact log and prints its head', () => {
    const res = runCli(['audit', 'verify', log, '--head', head]);
    expect(res.stdout).toContain(`intact, 7 records, sealed; head ${head}`);
    expect(res.code).toBe(0);
  }, 60_000);

  it('exits 1 naming the first broken line and how', () => {
    const deleted = runCli(['audit', 'verify', tampered('deleted.jsonl', (l) => l.filter((_, i) => i !== 3))]);
    expect(deleted.stderr).toMatch(/broken at line 4: deleted: record 3 is missing/);
    expect(deleted.code).toBe(1);
    const truncated = runCli(['audit', 'verify', tampered('truncated.jsonl', (l) => l.slice(0, 4))]);
    expect(truncated.stderr).toMatch(/broken at line 5: truncated/);
    expect(truncated.code).toBe(1);
  }, 60_000);

  it('exits 2 on a missing file or a malformed --head', () => {
    expect(runCli(['audit', 'verify', join(dir, 'none.jsonl')]).code).toBe(2);
    expect(runCli(['audit', 'verify', log, '--head', 'xyz']).code).toBe(2);
  }, 60_000);
});
