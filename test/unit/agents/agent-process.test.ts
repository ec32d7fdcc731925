import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { spawnAgentProcess, STDERR_TAIL, type AgentProcessSpec } from '../../../src/agents/adapters/agent-process.ts';

/** A node one-liner as the agent's program. */
function nodeSpec(code: string, over: Partial<AgentProcessSpec> = {}): AgentProcessSpec {
  return { command: process.execPath, args: ['-e', code], env: { PATH: process.env.PATH ?? '' }, timeoutMs: 10_000, signal: new AbortController().signal, maxStdoutBytes: 1 << 20, ...over };
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

describe('spawnAgentProcess', () => {
  it('returns exit code, stdout and the tail of stderr, with only the environment it was given', async () => {
    const r = await spawnAgentProcess(nodeSpec(`process.stdout.write(JSON.stringify({ home: process.env.HOME ?? null })); process.stderr.write('x'.repeat(${STDERR_TAIL + 100}) + 'END'); process.exit(3)`, { env: { PATH: '' } }));
    expect(r).toMatchObject({ exitCode: 3, stdout: '{"home":null}', timedOut: false, aborted: false, stdoutTooBig: false });
    expect(r.stderr).toHaveLength(STDERR_TAIL);
    expect(r.stderr.endsWith('END')).toBe(true);
  });

  it('kills a program that hangs at its timeout, with the processes it started', async () => {
    // The program starts a grandchild that would outlive it, prints its pid, then hangs.
    const code = `const c = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }); console.log(c.pid); setInterval(() => {}, 1000);`;
    const began = performance.now();
    const r = await spawnAgentProcess(nodeSpec(code, { timeoutMs: 1500 }));
    expect(performance.now() - began).toBeLessThan(8000);
    expect(r).toMatchObject({ exitCode: null, timedOut: true });
    const grandchild = Number(r.stdout.trim());
    expect(grandchild).toBeGreaterThan(0);
    await new Promise((res) => setTimeout(res, 200));
    expect(isRunning(grandchild), 'the whole process group is killed').toBe(false);
  });

  it('kills it when the agent is cut off', async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 300);
    const r = await spawnAgentProcess(nodeSpec('setInterval(() => {}, 1000)', { signal: stop.signal }));
    expect(r).toMatchObject({ exitCode: null, aborted: true, timedOut: false });
  });

  it('kills it when stdout runs away, keeping what fit', async () => {
    const r = await spawnAgentProcess(nodeSpec(`const s = 'y'.repeat(65536); const w = () => process.stdout.write(s, w); w();`, { maxStdoutBytes: 200_000 }));
    expect(r.stdoutTooBig).toBe(true);
    expect(r.stdout.length).toBeLessThanOrEqual(200_000);
  });

  it('rejects when the program cannot be started', async () => {
    await expect(spawnAgentProcess(nodeSpec('', { command: '/nonexistent/k8sgpt' }))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
