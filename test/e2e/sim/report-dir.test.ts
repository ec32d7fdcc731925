import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/paths.ts';
import { runCli } from '../../helpers/run-cli.ts';

const cwd = mkdtempSync(join(tmpdir(), 'firedrill-cwd-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('reports without --out', () => {
  it('go to ./reports under the current directory, not the package folder', () => {
    const packageReports = join(REPO_ROOT, 'reports');
    const before = new Set(existsSync(packageReports) ? readdirSync(packageReports) : []);
    const res = runCli(['run', 'good-deploy', '--seed', '3'], { cwd });
    expect(res.code, res.stderr).toBe(0);
    const runs = readdirSync(join(cwd, 'reports'));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatch(/^good-deploy-l0-sim-s3-/);
    expect(existsSync(join(cwd, 'reports', runs[0], 'result.json'))).toBe(true);
    // Only this run's id: other tests may write there at the same time.
    const added = (existsSync(packageReports) ? readdirSync(packageReports) : []).filter((f) => !before.has(f) && f.startsWith('good-deploy-l0-sim-s3-'));
    expect(added).toEqual([]);
  }, 120_000);
});
