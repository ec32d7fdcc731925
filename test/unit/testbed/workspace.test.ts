import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { materializeWorkspace } from '../../../src/testbed/workspace.ts';
import { loadScenario } from '../../../src/scenario/load-scenario.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

const template = join(REPO_ROOT, 'scenarios/testbed');

describe('materializeWorkspace', () => {
  it('makes a real git repo: v1 stable, v2 the change with its message, a v1 worktree', async () => {
    const scenario = await loadScenario(join(REPO_ROOT, 'scenarios/dependency-cascade.yaml'));
    const ws = await materializeWorkspace({ templateDir: template, changes: scenario.deploy.changes, message: scenario.deploy.message, author: scenario.deploy.author });
    try {
      const log = execFileSync('git', ['log', '--format=%an|%s'], { cwd: ws.dir, encoding: 'utf8' }).trim().split('\n');
      expect(log).toEqual(['Alex Kim|checkout: fail fast on slow payments', 'Release Bot|v1: stable release']);
      expect(ws.diff).toContain('-    "payments": { "timeoutMs": 2000, "retries": 1 }');
      expect(ws.diff).toContain('+    "payments": { "timeoutMs": 200, "retries": 4, "backoffMs": 200 }');
      expect(readFileSync(join(ws.stableDir, 'services/checkout/config.json'), 'utf8')).toContain('"timeoutMs": 2000');
      expect(readFileSync(join(ws.dir, 'services/checkout/config.json'), 'utf8')).toContain('"timeoutMs": 200,');
    } finally {
      await ws.remove();
    }
    expect(existsSync(ws.dir)).toBe(false);
  });

  it("commits a change that adds, edits and deletes files, and a message and author a shell would mangle, as they are", async () => {
    const message = 'fix: "quotes", $HOME, `ticks` and a\nsecond line';
    const author = "O'Brien $(whoami) <ob@example.com>";
    const changes = [
      { file: 'deep/new/dir/notes.md', content: 'added\n' },
      { file: 'services/ledger/handler.js', edits: [{ find: 'await ctx.work(20);', replace: 'await ctx.work(21);' }] },
      { file: 'services/ledger/handler.test.js', delete: true as const },
      { file: '-rf', content: 'a file named like an option\n' },
    ];
    const ws = await materializeWorkspace({ templateDir: template, changes, message, author });
    try {
      const git = (...args: string[]): string => execFileSync('git', args, { cwd: ws.dir, encoding: 'utf8' });
      expect(git('log', '-1', '--format=%an|%ae|%B', ws.v2).trim()).toBe(`O'Brien $(whoami)|ob@example.com|${message}`);
      expect(git('diff', '--name-status', ws.v1, ws.v2).trim().split('\n').sort()).toEqual(['A\t-rf', 'A\tdeep/new/dir/notes.md', 'D\tservices/ledger/handler.test.js', 'M\tservices/ledger/handler.js']);
      expect(git('status', '--porcelain')).toBe('');
      expect(git('rev-parse', 'HEAD').trim()).toBe(ws.v2);
      expect(existsSync(join(ws.dir, 'services/ledger/handler.test.js'))).toBe(false);
      expect(existsSync(join(ws.stableDir, 'services/ledger/handler.test.js'))).toBe(true);
      expect(existsSync(join(ws.dir, '../v2-files'))).toBe(false);
      expect(ws.diff).toBe(git('diff', ws.v1, ws.v2));
    } finally {
      await ws.remove();
    }
  });

  it('refuses a change that changes nothing, with the reason', async () => {
    const same = readFileSync(join(template, 'services/ledger/config.json'), 'utf8');
    await expect(materializeWorkspace({ templateDir: template, changes: [{ file: 'services/ledger/config.json', content: same }], message: 'no-op', author: 'A <a@x>' })).rejects.toThrow(/deploy\.changes leave every file as it was/);
  });

  it('gives the same commit ids every time (fixed dates), so timelines replay', async () => {
    const changes = [{ file: 'NOTES.md', content: 'hello\n' }];
    const a = await materializeWorkspace({ templateDir: template, changes, message: 'notes', author: 'A <a@x>' });
    const b = await materializeWorkspace({ templateDir: template, changes, message: 'notes', author: 'A <a@x>' });
    try {
      expect(a.v2).toBe(b.v2);
      expect(a.v1).not.toBe(a.v2);
    } finally {
      await a.remove();
      await b.remove();
    }
  });

  it("runs the testbed's own tests: green on v1 and on the cascade's v2 (its commit adjusts the test it would break), red on a commit that breaks one", async () => {
    const scenario = await loadScenario(join(REPO_ROOT, 'scenarios/dependency-cascade.yaml'));
    const ws = await materializeWorkspace({ templateDir: template, changes: scenario.deploy.changes, message: scenario.deploy.message, author: scenario.deploy.author });
    const broken = await materializeWorkspace({
      templateDir: template,
      changes: [{ file: 'services/checkout/config.json', edits: [{ find: '"timeoutMs": 2000', replace: '"timeoutMs": 200' }] }],
      message: 'checkout: shorter timeout, tests untouched',
      author: 'A <a@x>',
    });
    try {
      const run = (cwd: string): number => {
        try {
          execFileSync(process.execPath, ['--test', 'services/'], { cwd, stdio: 'pipe' });
          return 0;
        } catch (e) {
          return (e as { status: number }).status;
        }
      };
      expect(run(ws.stableDir)).toBe(0);
      expect(run(ws.dir)).toBe(0);
      expect(run(broken.dir)).not.toBe(0);
    } finally {
      await ws.remove();
      await broken.remove();
    }
    // Three runs of node --test over every service's test files (more as the testbed grows).
  }, 30_000);

  it('refuses an edit whose text is not found exactly once, and cleans up', async () => {
    await expect(
      materializeWorkspace({ templateDir: template, changes: [{ file: 'services/checkout/tax.js', edits: [{ find: 'no such text', replace: '' }] }], message: 'm', author: 'A <a@x>' }),
    ).rejects.toThrow(/found 0 times/);
  });
});
