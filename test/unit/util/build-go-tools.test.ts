import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findExecutable } from '../../../src/util/find-executable.ts';
import { readGoToolPins } from '../../../src/util/go-tools.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

// The build script's contract without building anything (a real build takes minutes: .ci/run
// does it): unknown names are refused, and a cached tool makes a run a no-op.
const SCRIPT = resolve(REPO_ROOT, 'clusters/tools/build-go-tools.sh');
const dir = mkdtempSync(join(tmpdir(), 'firedrill-go-tools-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runScript(args: string[]): { code: number; out: string } {
  const res = spawnSync('bash', [SCRIPT, ...args], { encoding: 'utf8', env: { ...process.env, FIREDRILL_TOOLS_DIR: dir }, timeout: 30_000 });
  return { code: res.status ?? -1, out: `${res.stdout}${res.stderr}` };
}

describe('clusters/tools/build-go-tools.sh', () => {
  if (!findExecutable('go')) {
    it.skip('skipped: no Go toolchain on PATH', () => {});
    return;
  }

  it('refuses a name that is not pinned, naming the pinned ones', () => {
    const r = runScript(['no-such-tool']);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/no pin named "no-such-tool".*pinned: .*prometheus/);
  });

  it('does nothing for a tool already cached under its name and version, and says so', () => {
    const pin = readGoToolPins().find((p) => p.name === 'prometheus')!;
    const cached = join(dir, `prometheus-${pin.version}`);
    mkdirSync(cached, { recursive: true });
    writeFileSync(join(cached, 'build-info.txt'), 'built prometheus promtool in 250s (test fixture)\n');
    const r = runScript(['prometheus']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`prometheus ${pin.version}: cached in ${cached} (built prometheus promtool in 250s (test fixture))\n`);
    expect(readdirSync(dir)).toEqual([`prometheus-${pin.version}`]);
  });
});
