import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runRepoTests } from '../../../src/fixes/run-repo-tests.ts';

const TEST = "import { test } from 'node:test';\n";

describe('runRepoTests', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fd-repo-tests-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'a.test.js'), `${TEST}test('adds', () => {});\ntest('subtracts', () => {});\n`);
  writeFileSync(join(dir, 'b.test.js'), `${TEST}test('breaks', () => { throw new Error('checkout total off by one'); });\n`);
  writeFileSync(join(dir, 'c.test.js'), `${TEST}test('hangs', () => new Promise(() => setInterval(() => {}, 1000)));\n`);
  writeFileSync(join(dir, 'package.json'), '{"type": "module"}\n');

  it('runs each test file, counts passes and failures, and kills one past its time limit', async () => {
    const began = performance.now();
    const r = await runRepoTests(dir, { timeoutMs: 3000 });
    expect(performance.now() - began).toBeLessThan(20_000);
    expect(r.ok).toBe(false);
    expect(r.reason).toBe('2 of 3 test files failed: b.test.js, c.test.js');
    const [a, b, c] = r.files;
    expect(a).toMatchObject({ file: 'a.test.js', ok: true, passed: 2, failed: 0 });
    expect(a).not.toHaveProperty('timedOut');
    expect(b).toMatchObject({ file: 'b.test.js', ok: false, passed: 0, failed: 1 });
    expect(b.outputTail).toContain('checkout total off by one');
    expect(c).toMatchObject({ file: 'c.test.js', ok: false, timedOut: true });
  }, 30_000);

  it('stops a test file at once when the signal aborts', async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 500);
    const began = performance.now();
    const r = await runRepoTests(dir, { timeoutMs: 60_000, signal: stop.signal });
    expect(performance.now() - began).toBeLessThan(15_000);
    expect(r.files.find((f) => f.file === 'c.test.js')).toMatchObject({ ok: false });
    expect(r.files.find((f) => f.file === 'c.test.js')).not.toHaveProperty('timedOut');
  }, 30_000);
});
