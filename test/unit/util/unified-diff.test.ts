import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addedText, parseUnifiedDiff, pathOf } from '../../../src/util/unified-diff.ts';

/** A real `git diff` of a small repo, so the parser is checked against git's own output. */
function gitDiff(before: Record<string, string>, change: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'fd-diff-'));
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
  try {
    git('init', '-q');
    for (const [f, text] of Object.entries(before)) writeFileSync(join(dir, f), text);
    git('add', '-A');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'v1');
    change(dir);
    git('add', '-A');
    return git('diff', '--cached', '-M', 'HEAD');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('parseUnifiedDiff', () => {
  it('reads files, hunks and line numbers of a real git diff', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
    const diff = gitDiff({ 'a.js': lines.join('\n') + '\n', 'gone.txt': 'x\n' }, (dir) => {
      const next = [...lines];
      next[2] = 'changed 3';
      next.splice(20, 0, 'inserted after 20');
      writeFileSync(join(dir, 'a.js'), next.join('\n') + '\n');
      writeFileSync(join(dir, 'new file.txt'), 'hello\n');
      rmSync(join(dir, 'gone.txt'));
    });
    const { files, problems } = parseUnifiedDiff(diff);
    expect(problems).toEqual([]);
    expect(files.map((f) => [pathOf(f), f.status])).toEqual([['a.js', 'modified'], ['gone.txt', 'deleted'], ['new file.txt', 'added']]);
    const [first, second] = files[0].hunks;
    expect(first.lines.find((l) => l.kind === '+')).toEqual({ kind: '+', text: 'changed 3', newLine: 3 });
    expect(first.lines.find((l) => l.kind === '-')).toEqual({ kind: '-', text: 'line 3', oldLine: 3 });
    expect(addedText(second)).toBe('inserted after 20');
    expect(second.lines.find((l) => l.kind === '+')!.newLine).toBe(21);
    expect(files[1].oldPath).toBe('gone.txt');
    expect(files[1].newPath).toBeUndefined();
  });

  it('sees renames, mode changes, symlinks and binaries', () => {
    const diff = gitDiff({ 'run.sh': 'echo hi\n', 'old-name.js': 'export const x = 1;\n'.repeat(5) }, (dir) => {
      chmodSync(join(dir, 'run.sh'), 0o755);
      execFileSync('git', ['mv', 'old-name.js', 'new-name.js'], { cwd: dir });
      symlinkSync('/etc/passwd', join(dir, 'link'));
      writeFileSync(join(dir, 'blob.bin'), Buffer.from([0, 1, 2, 3, 0, 255]));
    });
    const { files, problems } = parseUnifiedDiff(diff);
    expect(problems).toEqual([]);
    const by = Object.fromEntries(files.map((f) => [pathOf(f), f]));
    expect(by['blob.bin'].binary).toBe(true);
    expect(by['link'].newMode).toBe('120000');
    expect(by['new-name.js']).toMatchObject({ status: 'renamed', oldPath: 'old-name.js' });
    expect(by['run.sh']).toMatchObject({ oldMode: '100644', newMode: '100755' });
  });

  it('describes what it cannot read instead of trusting it', () => {
    const truncated = '--- a/x.js\n+++ b/x.js\n@@ -1,3 +1,3 @@\n a\n-b\n';
    expect(parseUnifiedDiff(truncated).problems[0]).toMatch(/truncated/);
    expect(parseUnifiedDiff('hello\n').problems[0]).toMatch(/before the first file header/);
    const traversal = parseUnifiedDiff('--- a/../../etc/passwd\n+++ b/../../etc/passwd\n@@ -1 +1 @@\n-x\n+y\n');
    expect(pathOf(traversal.files[0])).toBe('../../etc/passwd');
  });

  it('reads a context line whose leading space an editor stripped', () => {
    const { files, problems } = parseUnifiedDiff('--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n\n-b\n+c\n');
    expect(problems).toEqual([]);
    expect(files[0].hunks[0].lines.map((l) => l.kind)).toEqual([' ', ' ', '-', '+']);
  });
});
