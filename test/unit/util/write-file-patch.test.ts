import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFilePatch } from '../../../src/util/write-patch.ts';

const dir = mkdtempSync(join(tmpdir(), 'patch-text-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Whether `git apply` turns `before` into `after` with the patch. */
function applies(before: string | undefined, after: string | undefined): boolean {
  const file = join(dir, 'f.txt');
  rmSync(file, { force: true });
  if (before !== undefined) writeFileSync(file, before);
  const patch = writeFilePatch('f.txt', before, after);
  writeFileSync(join(dir, 'p.patch'), patch);
  execFileSync('git', ['apply', '--unsafe-paths', 'p.patch'], { cwd: dir });
  return after === undefined ? !existsSync(file) : readFileSync(file, 'utf8') === after;
}

const ten = Array.from({ length: 10 }, (_, i) => `line ${i}`).join('\n') + '\n';

describe('writeFilePatch', () => {
  it.each([
    ['a change in the middle', ten, ten.replace('line 5', 'five')],
    ['lines inserted', ten, ten.replace('line 5\n', 'line 5\nnew a\nnew b\n')],
    ['lines removed', ten, ten.replace('line 2\nline 3\n', '')],
    ['the first line', ten, ten.replace('line 0', 'zero')],
    ['the last line', ten, ten.replace('line 9', 'nine')],
    ['a new file', undefined, 'hello\nworld\n'],
    ['a deleted file', ten, undefined],
    ['an insertion at the top', ten, `top\n${ten}`],
  ])('writes a patch git applies: %s', (_name, before, after) => {
    expect(applies(before, after)).toBe(true);
  });

  it('writes nothing when nothing changed', () => {
    expect(writeFilePatch('f.txt', ten, ten)).toBe('');
  });
});
