import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InfraError } from '../../../src/util/errors.ts';
import { ChildProcessStartError, runChildProcess, type ChildProcessSpec } from '../../../src/util/run-child-process.ts';

/** A node one-liner as the program. */
function nodeSpec(code: string, over: Partial<ChildProcessSpec> = {}): ChildProcessSpec {
  return { command: process.execPath, args: ['-e', code], env: { PATH: process.env.PATH ?? '' }, ...over };
}

/** Running, not a zombie (a killed process whose parent is gone waits for whoever reaps orphans here). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]$/.test(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]);
  } catch {
    return false;
  }
}

// A grandchild seen by a test that then fails is killed here, not left behind.
const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone, as it should be
    }
  }
});

/** A program that ignores SIGTERM, starts a grandchild that ignores it too (and would outlive it), prints the grandchild's pid, then hangs. */
const STUBBORN = [
  "process.on('SIGTERM', () => {});",
  "const c = require('node:child_process').spawn(process.execPath, ['-e', \"process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)\"], { stdio: 'ignore' });",
  'console.log(c.pid); setInterval(() => {}, 1000);',
].join(' ');

describe('runChildProcess', () => {
  it('returns exit code, stdout and the tail of stderr, with only the environment it was given', async () => {
    const r = await runChildProcess(nodeSpec(`process.stdout.write(JSON.stringify({ home: process.env.HOME ?? null })); process.stderr.write('x'.repeat(4196) + 'END'); process.exit(3)`, { env: { PATH: '' }, maxStdout: 1 << 20, stderrTail: 4096 }));
    expect(r).toMatchObject({ exitCode: 3, signal: null, stdout: '{"home":null}', output: '', timedOut: false, aborted: false, stdoutTooBig: false });
    expect(r.stderr).toHaveLength(4096);
    expect(r.stderr.endsWith('END')).toBe(true);
  });

  it('feeds stdin, runs in cwd, and keeps the tail of both streams interleaved', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'fd-run-child-'));
    try {
      // Pauses between the writes: two pipes are read in no fixed order, what was written apart arrives apart.
      const code = [
        "let s = ''; process.stdin.on('data', (c) => (s += c)).on('end', () => {",
        "  console.log(s.toUpperCase());",
        "  setTimeout(() => { console.error('cwd=' + process.cwd()); setTimeout(() => console.log('z'.repeat(30)), 200); }, 200);",
        '});',
      ].join('\n');
      const r = await runChildProcess(nodeSpec(code, { cwd, input: 'hello', outputTail: 40 }));
      expect(r.exitCode).toBe(0);
      // Only the tail: the end of stderr's line, then stdout's last line.
      expect(r.output).toBe(`${realpathSync(cwd).slice(-8)}\n${'z'.repeat(30)}\n`);
      expect(r.stdout, 'stdout is not kept on its own without maxStdout').toBe('');
      const whole = await runChildProcess(nodeSpec(code, { cwd, input: 'hello', outputTail: 10_000 }));
      expect(whole.output).toBe(`HELLO\ncwd=${realpathSync(cwd)}\n${'z'.repeat(30)}\n`);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('on timeout kills a program that ignores SIGTERM together with the grandchild it started', async () => {
    const began = performance.now();
    const r = await runChildProcess(nodeSpec(STUBBORN, { timeoutMs: 1500, maxStdout: 1 << 20 }));
    expect(performance.now() - began).toBeLessThan(8000);
    expect(r).toMatchObject({ exitCode: null, signal: 'SIGKILL', timedOut: true, aborted: false });
    const grandchild = Number(r.stdout.trim());
    expect(grandchild).toBeGreaterThan(0);
    started.push(grandchild);
    await new Promise((res) => setTimeout(res, 200));
    expect(isRunning(grandchild), 'the whole process group is killed').toBe(false);
  });

  it('kills it promptly when the signal aborts, and at once when it already has', async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 300);
    let began = performance.now();
    const r = await runChildProcess(nodeSpec(STUBBORN, { signal: stop.signal, maxStdout: 1 << 20 }));
    expect(performance.now() - began).toBeLessThan(2000);
    expect(r).toMatchObject({ exitCode: null, signal: 'SIGKILL', aborted: true, timedOut: false });
    const grandchild = Number(r.stdout.trim());
    if (grandchild > 0) {
      started.push(grandchild);
      await new Promise((res) => setTimeout(res, 200));
      expect(isRunning(grandchild)).toBe(false);
    }
    began = performance.now();
    const early = await runChildProcess(nodeSpec('setInterval(() => {}, 1000)', { signal: AbortSignal.abort() }));
    expect(performance.now() - began).toBeLessThan(2000);
    expect(early).toMatchObject({ signal: 'SIGKILL', aborted: true });
  });

  it('kills it when stdout runs away, keeping only the start that fit and saying it was cut', async () => {
    const r = await runChildProcess(nodeSpec(`const s = 'y'.repeat(65536); const w = () => process.stdout.write(s, w); w();`, { maxStdout: 200_000 }));
    expect(r).toMatchObject({ stdoutTooBig: true, exitCode: null, signal: 'SIGKILL' });
    expect(r.stdout.length).toBeGreaterThan(0);
    expect(r.stdout.length).toBeLessThanOrEqual(200_000);
    expect(r.stdout).toMatch(/^y+$/);
  });

  it('rejects with a ChildProcessStartError naming the command when the program cannot be started', async () => {
    const err = await runChildProcess(nodeSpec('', { command: '/nonexistent/k8sgpt' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChildProcessStartError);
    expect(err).toBeInstanceOf(InfraError);
    expect(err).toMatchObject({ code: 'ENOENT', command: '/nonexistent/k8sgpt', message: 'cannot start /nonexistent/k8sgpt: spawn /nonexistent/k8sgpt ENOENT', reason: 'spawn /nonexistent/k8sgpt ENOENT' });
  });
});
