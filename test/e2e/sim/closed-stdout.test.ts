import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, REPO_ROOT } from '../../helpers/paths.ts';

/**
 * `firedrill list | head -2`: the reader closes the pipe while firedrill still writes. A closed
 * stdout is not an error: no stack trace, and the exit code the command would have had.
 * The pipes are real OS pipes; the read end is closed by this process.
 */
function runWithStdoutClosed(args: string[], closeAfterLines: number): Promise<{ code: number | null; stderr: string; lines: number }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let lines = 0;
  child.stderr.on('data', (d) => (stderr += d));
  if (closeAfterLines === 0) child.stdout.destroy();
  else {
    child.stdout.on('data', (d: Buffer) => {
      lines += d.toString().split('\n').length - 1;
      if (lines >= closeAfterLines) child.stdout.destroy();
    });
  }
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr, lines })));
}

describe('a stdout closed by its reader', () => {
  it('is not an error: list exits 0 and prints nothing on stderr (pipe closed before the first write)', async () => {
    const res = await runWithStdoutClosed(['list'], 0);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
  }, 60_000);

  it('is not an error after some lines either, as with head -2', async () => {
    const res = await runWithStdoutClosed(['list'], 2);
    expect(res.lines).toBeGreaterThanOrEqual(2);
    expect(res.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(res.code).toBe(0);
  }, 60_000);

  it('keeps the exit code the command would have had (validate of broken files: 2)', async () => {
    const res = await runWithStdoutClosed(['validate', 'test/fixtures/invalid'], 0);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(2);
  }, 60_000);
});
