import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { conformanceCommand } from '../../../../src/cli/commands/conformance.ts';
import { HAS_SHARED, SHARED_DIR } from '../../../helpers/paths.ts';

const CASES = resolve(SHARED_DIR, 'conformance/argo/analysis-cases.json');

async function runCommand(file: string, suite = 'argo'): Promise<{ out: string; code: number | undefined }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  const before = process.exitCode;
  try {
    await (conformanceCommand.handler as (a: unknown) => Promise<void>)({ suite, file, _: [], $0: 'firedrill' });
    return { out, code: process.exitCode as number | undefined };
  } finally {
    spy.mockRestore();
    process.exitCode = before;
  }
}

describe('firedrill conformance argo FILE', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('rejects an unknown suite', async () => {
    await expect(runCommand('x.json', 'flagger')).rejects.toThrow('unknown conformance suite "flagger"');
  });

  it.skipIf(!HAS_SHARED)('passes the shared case file with exit 0 (skipped when ../shared is absent)', async () => {
    const { out, code } = await runCommand(CASES);
    expect(code).toBe(0);
    expect(out).toContain('evaluate   22 passed    0 failed');
    expect(out).toContain('all 84 cases passed');
  });

  it('prints each failure with expected vs actual and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fd-conf-'));
    dirs.push(dir);
    const file = join(dir, 'cases.json');
    writeFileSync(file, JSON.stringify([
      { id: 'wrong', source: 'test', kind: 'evaluate', metric: { successCondition: 'result > 1' }, measurements: [{ value: 2, error: false }], expectedRunPhase: 'Failed', note: '' },
      { id: 'right', source: 'test', kind: 'evaluate', metric: {}, measurements: [{ value: 2, error: false }], expectedRunPhase: 'Successful', note: '' },
    ]));
    const { out, code } = await runCommand(file);
    expect(code).toBe(1);
    expect(out).toContain('evaluate    1 passed    1 failed');
    expect(out).toContain('FAIL wrong (evaluate)\n  expectedRunPhase: expected "Failed", got "Successful"');
    expect(out).toContain('1 of 2 cases failed');
  });

  it('reports an unreadable file as user input', async () => {
    await expect(runCommand('/nonexistent/cases.json')).rejects.toThrow('cannot read case file /nonexistent/cases.json');
  });
});
