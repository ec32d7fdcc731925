import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseUnifiedDiff, pathOf } from '../../../src/util/unified-diff.ts';
import { writeFilePatch, writeRevertPatch } from '../../../src/util/write-patch.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function repo(files: Record<string, string>): { dir: string; git: (...a: string[]) => string; apply: (patch: string) => void } {
  const dir = mkdtempSync(join(tmpdir(), 'fd-patch-'));
  dirs.push(dir);
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
  git('init', '-q');
  for (const [f, t] of Object.entries(files)) writeFileSync(join(dir, f), t);
  git('add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'v1');
  return { dir, git, apply: (patch) => execFileSync('git', ['apply', '-'], { cwd: dir, input: patch }) };
}

const numbered = (n: number): string => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

describe('writeFilePatch', () => {
  it('writes a patch git applies: edit, create, delete', () => {
    const r = repo({ 'a.txt': numbered(20), 'gone.txt': 'bye\n' });
    const edited = numbered(20).replace('line 10\n', 'line ten\n');
    r.apply(writeFilePatch('a.txt', numbered(20), edited) + writeFilePatch('new.txt', undefined, 'hello\n') + writeFilePatch('gone.txt', 'bye\n', undefined));
    expect(readFileSync(join(r.dir, 'a.txt'), 'utf8')).toBe(edited);
    expect(readFileSync(join(r.dir, 'new.txt'), 'utf8')).toBe('hello\n');
    expect(existsSync(join(r.dir, 'gone.txt'))).toBe(false);
    expect(writeFilePatch('a.txt', 'same\n', 'same\n')).toBe('');
  });
});

describe('writeRevertPatch', () => {
  it('undoes exactly the chosen hunks of a real diff', () => {
    const r = repo({ 'a.txt': numbered(40), 'b.txt': numbered(5) });
    const v2a = numbered(40).replace('line 3\n', 'line three\n').replace('line 30\n', 'line thirty\n');
    writeFileSync(join(r.dir, 'a.txt'), v2a);
    writeFileSync(join(r.dir, 'b.txt'), numbered(5).replace('line 2\n', ''));
    writeFileSync(join(r.dir, 'c.txt'), 'brand new\n');
    r.git('add', '-A');
    const diff = r.git('diff', '--cached');
    r.git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'v2');
    const files = parseUnifiedDiff(diff).files;
    const a = files.find((f) => pathOf(f) === 'a.txt')!;
    const chosen = new Set([a.hunks[1], ...files.find((f) => pathOf(f) === 'b.txt')!.hunks, ...files.find((f) => pathOf(f) === 'c.txt')!.hunks]);
    r.apply(writeRevertPatch(files, chosen));
    // a.txt keeps its first change, loses the second; b.txt and c.txt are back to v1.
    expect(readFileSync(join(r.dir, 'a.txt'), 'utf8')).toBe(numbered(40).replace('line 3\n', 'line three\n'));
    expect(readFileSync(join(r.dir, 'b.txt'), 'utf8')).toBe(numbered(5));
    expect(existsSync(join(r.dir, 'c.txt'))).toBe(false);
  });
});
